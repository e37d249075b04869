"""Status letters: templates as data (``texts/``), the facts a letter is written from, the content
builder, the reportlab renderer, and the SQL of the letters registry (numbering and freezing).

Kept import-light: the database migrations import ``schema`` from here.
"""
