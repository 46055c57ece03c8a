# Rehearse desktop UI, Spanish. Placeholder made by L1 so the shell builds; L2 owns and fills this file.

language-name-es = Español
