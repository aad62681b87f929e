"""From a reader's lines to a document the rules can judge: paragraphs and sentences (``model``),
the heading tree (``outline``), each sentence's part (``parts``), title, year, issuer, date
(``metadata``, ``signature``), the document kind (``doctype``, ``kinds``) and the text as
patterns see it (``normalize``)."""
