"""Use cases: validate, one write transaction with its audit rows, return record + Changes."""
