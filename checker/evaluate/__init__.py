"""``check eval``: how far a reviewer's labels and the checker's verdicts agree.

A review office keeps its past verdicts (a casebook's ``expected.yaml``, or a corpus's
``labels.json``); ``check eval DIR`` checks every labelled file, compares label by label and
says where and why they differ. ``labels`` reads the two label formats into cases, ``agree``
compares one report with one case, ``cmd`` is the subcommand.
"""
