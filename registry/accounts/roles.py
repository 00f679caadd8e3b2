"""The staff roles, as Django groups.

- editor: creates and changes records, imports and exports, sees restricted fields; cannot
  publish or delete.
- reviewer: everything an editor does, and publishes, unpublishes and deletes.
- administrator: everything, including users, groups and API tokens.
- researcher: no admin rights; reads the API with a token at a higher rate limit.

Data migrations create the groups and give them their permissions (accounts 0002, and 0003 for
the login-security apps); each writes its rules out in full, so a change to what a role may do
is a new migration. ``tests/test_permission_matrix.py`` pins what each role can do, page by page.
"""

EDITOR, REVIEWER, ADMINISTRATOR, RESEARCHER = "editor", "reviewer", "administrator", "researcher"
