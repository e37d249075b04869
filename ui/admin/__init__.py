"""Administration, for administrators only: office settings (letterhead, signatory, response
times, clock warnings), free-day tariffs with their effective dates, and staff accounts; plus
changing one's own password, which everyone may do. All through the Office façade."""
