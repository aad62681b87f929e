"""``check serve``: the whole of ``check`` in a browser, and an HTTP API for other systems.

Modules: ``cmd`` (the command), ``app`` (routes), ``guard`` (token, host and body-size checks),
``uploads`` (safe names, the private folder), ``work`` (what runs in the worker processes),
``store`` (results kept in memory for a while), ``pages`` (templates). The web stack (Starlette,
uvicorn, python-multipart) is imported only by ``check serve``, never by a plain check.
"""
