"""The letters' windows: the issue dialog (kind, language, QtPdf preview, issue, print at 300 dpi,
save, open folder), the batch dialog (one kind to many cases in a worker, with progress and
cancel), and the letters panel that trader, case and inquiry views embed."""
