"""Statutory reports and catalogues computed from the content library (issue 16).

Pure modules (counting, arithmetic, similarity, rendering, due dates) take plain
data; ``govsite.reports.data`` is the one adapter that reads the data files.
"""
