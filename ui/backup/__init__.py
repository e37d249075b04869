"""The in-app pieces of backups: a worker, the Backups dialog, the start-up recovery dialog, the
automatic-backup controller and Today's backup warning. The shell wires them into the window."""
