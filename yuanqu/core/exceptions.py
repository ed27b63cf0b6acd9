class Conflict(Exception):
    """An action not allowed in the record's current state (HTTP 409)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message
