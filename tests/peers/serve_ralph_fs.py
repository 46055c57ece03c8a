#!/usr/bin/env python3
"""Run ralph-malph 5.1.0's LRS on loopback with the file-system backend, fixed.

Upstream bug: FSDataBackend.default_operation_type is CREATE, and the LRS
POST/PUT handlers call BACKEND_CLIENT.write() without an operation_type, so
the 2nd write to <dir>/fs_lrs.jsonl raises BackendException("... already
exists and overwrite is not allowed ...") -> HTTP 500. We switch the fs LRS
backend's default to APPEND (one JSON line per statement) before the app
is imported. No uvicorn --reload (runserver uses reload=True + WatchFiles).

Also drops a truncated last line left by a SIGKILL mid-write.

Usage: serve_ralph_fs.py PORT STORE_DIR AUTH_FILE [--no-fix]
"""
import os, sys

port, store, auth = int(sys.argv[1]), os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
os.makedirs(store, exist_ok=True)
os.environ.update({
    "RALPH_RUNSERVER_BACKEND": "fs",
    "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": store,
    "RALPH_AUTH_FILE": auth,
    "RALPH_APP_DIR": store,           # history.json lands here, not ~/.config/ralph
    "RALPH_RUNSERVER_AUTH_BACKENDS": "Basic",
})
if "--no-fix" not in sys.argv:
    # A SIGKILL mid-write can leave a partial last JSON line, after which every
    # read (and so every POST, which first looks up existing ids) fails with 500.
    lrs_file = os.path.join(store, "fs_lrs.jsonl")
    if os.path.exists(lrs_file):
        data = open(lrs_file, "rb").read()
        if data and not data.endswith(b"\n"):
            open(lrs_file, "wb").write(data[: data.rfind(b"\n") + 1])
            print("repaired truncated last line in", lrs_file, file=sys.stderr)
    from ralph.backends.data.base import BaseOperationType
    from ralph.backends.lrs.fs import FSLRSBackend
    FSLRSBackend.default_operation_type = BaseOperationType.APPEND

import uvicorn
uvicorn.run("ralph.api:app", host="127.0.0.1", port=port, log_level="warning")
