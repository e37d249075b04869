"""Input widgets of the desk: day-first dates that may stay empty, text fields that state their
length limit, a container-number field checking ISO 6346 as typed, value lists, a trader picker,
and the form helper that shows validation beside the field."""
