"""Noisy text: undo what copying, printing and converting did to a report before it is read.

Each module repairs one kind of damage and leaves the original lines untouched (evidence always
quotes them): ``script`` reads traditional characters as simplified for matching, ``runon``
rebuilds paragraphs of a text whose line breaks were lost, ``pages`` recognises page numbers and
running headers printed into the middle of a sentence.
"""
