"""Create and edit dialogs. Each returns a draft and writes nothing itself: the caller hands it
the use case to run on Save (``DraftDialog.submit_with``), so a refusal marks the field and keeps
the dialog open with the typing."""
