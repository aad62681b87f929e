"""Promise tracking (issue 15): did a body do this year what it promised in last year's report?

``extract`` reads the promises of a report's 下一年度安排 part, ``match`` looks for each of them
in the work part of the next year's report, ``issuer`` tells which reports are of one body,
``analysis`` is the batch hook (features / link / apply) and ``cmd`` is ``check track LAST THIS``.
Nothing here changes a report's score, grade or gate (docs/judgement.md, 上年承诺落实情况).
"""
