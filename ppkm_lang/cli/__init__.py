"""The command line: `ppkm VERB ...`, one thin module per verb.

`main.py` builds the parser from the verbs listed in `main.VERBS`; each verb module defines
`HELP`, `add_arguments(parser)` and `run(args, ctx) -> int`. A verb parses its arguments,
calls the library, renders the result and returns the exit code: 0 clean, 1 findings at the
failing level, 2 usage or input problems. Only this package and the renderers print.
"""
