"""Turn the development-set (or any eval) files into engine documents, pure: no database."""

from .engine import Doc


def docs_from_devset(resources) -> tuple[list[Doc], dict[int, str]]:
    """(engine documents numbered 1…n, number → the file's resource id)."""
    docs, number = [], {}
    for i, r in enumerate(resources.values(), start=1):
        docs.append(Doc(id=i, kind=r.kind, title=r.title, description=r.description,
                        tags=tuple(r.tags), industry_code=r.industry_code))
        number[i] = r.id
    return docs, number
