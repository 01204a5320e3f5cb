"""The machinery behind the commands of ``tasks.py`` (the list of the book's commands).

``env``     the virtual environment in .venv and Debian's Chromium: created and checked
``assets``  the book's offline JavaScript, fetched once from the npm registry and checksummed
``toc``     the one reader of _toc.yml (for tasks.py, the root conftest.py, tests and benchmarks)
``pdf``     the book as one PDF, printed by headless Chromium

Every module imports only the standard library at its top: ``python3 tasks.py ...`` runs them
before .venv exists.  What needs the venv (PyYAML, Playwright) is imported inside the function
that runs there.
"""
