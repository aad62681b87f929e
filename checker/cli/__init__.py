"""The command line: ``check FILE...`` (``main``) and its subcommands (``*_cmd``, ``doctor``),
project configuration (``config``), Chinese usage errors (``usage``), the progress bar
(``progress``) and typer's option coercion without pydantic (``fastparams``)."""
