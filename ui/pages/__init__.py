"""The pages of the main window: Today, Traders, Inquiries, Cases, Follow-ups (and Letters).

Each page is a QWidget with a translated ``title``, a ``new_record()`` slot and
``restore_state(settings)`` / ``save_state(settings)`` for its layout."""
