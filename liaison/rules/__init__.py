"""Pure domain rules: identifiers, text keys, dates, clocks, stages and transitions. No I/O."""
