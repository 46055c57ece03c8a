#!/usr/bin/env python3
"""Write a ralph auth.json for one Basic-auth user (same as `ralph auth -w`, faster).
Usage: make_auth.py AUTH_FILE USER PASSWORD"""
import bcrypt, json, sys
path, user, pw = sys.argv[1:4]
json.dump([{"agent": {"account": {"homePage": "http://127.0.0.1", "name": user}, "objectType": "Agent"},
            "scopes": ["all"], "username": user,
            "hash": bcrypt.hashpw(pw.encode(), bcrypt.gensalt(rounds=4)).decode()}],
          open(path, "w"), indent=2)
