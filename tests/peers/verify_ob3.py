#!/usr/bin/env python3
"""Independent offline OB 3.0 Data Integrity (eddsa-rdfc-2022) verifier, via openbadgeslib.

Usage (run with target/peers/ob3/bin/python, made by tests/peers/setup.sh):
  verify_ob3.py CRED.json --pem issuer-public.pem        pinned key (trusted)
  verify_ob3.py CRED.json --controller controller.json   key from an exported controller
                                                         document (did:web/did:key/https id),
                                                         served to the resolver from memory
  verify_ob3.py CRED.json --did-key                      resolve a did:key issuer (self-asserted)
  [--recipient ID]  also require credentialSubject.id == ID
Prints one JSON line; exit 0 valid, 1 rejected, 2 usage/IO error.
No network: contexts come from openbadgeslib's bundled allowlist only.
"""
import argparse, json, sys

from openbadgeslib.ob3.ldp import OB3LdpVerifier
from openbadgeslib.ob3.did import _pem_from_vm
from openbadgeslib.ob3.verifier import OB3VerificationError


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("credential")
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--pem")
    g.add_argument("--controller")
    g.add_argument("--did-key", action="store_true")
    ap.add_argument("--recipient")
    a = ap.parse_args()
    try:
        data = open(a.credential, "rb").read()
        if a.pem:
            verifier = OB3LdpVerifier(pubkey_pem=open(a.pem, "rb").read())
        elif a.controller:
            ctrl = json.load(open(a.controller))
            vm = json.loads(data)["proof"]["verificationMethod"]
            methods = [m for m in ctrl.get("verificationMethod", []) if m.get("id") == vm]
            if not methods or vm not in ctrl.get("assertionMethod", []):
                print(json.dumps({"valid": False, "reason": f"controller document has no assertionMethod {vm}"}))
                return 1
            if ctrl.get("id") != vm.partition("#")[0]:
                print(json.dumps({"valid": False, "reason": "verificationMethod not controlled by document id"}))
                return 1
            verifier = OB3LdpVerifier(pubkey_pem=_pem_from_vm(methods[0]))
        else:
            verifier = OB3LdpVerifier()
    except (OSError, ValueError, KeyError) as e:
        print(json.dumps({"valid": False, "reason": f"usage/io: {e}"}))
        return 2
    try:
        c = verifier.verify(data, expected_recipient=a.recipient)
    except OB3VerificationError as e:
        print(json.dumps({"valid": False, "reason": str(e)}))
        return 1
    print(json.dumps({"valid": True, "id": c.id, "issuer": c.issuer.id,
                      "achievement": c.achievement.name, "subject": c.recipient_id,
                      "validFrom": c.issuance_date.isoformat(),
                      "validUntil": c.expiration_date.isoformat() if c.expiration_date else None}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
