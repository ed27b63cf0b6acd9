"""MatchIndex: under construction by the lead (interface only)."""


class MatchIndex:
    """The persisted index of one deployment."""

    def __init__(self, path):
        self.path = path

    @classmethod
    def open(cls, path):
        return cls(path)

    def rebuild(self, docs, progress=None):
        raise NotImplementedError

    def upsert(self, docs):
        raise NotImplementedError

    def remove(self, ids):
        raise NotImplementedError

    def search(self, query):
        raise NotImplementedError
