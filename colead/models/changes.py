"""A version per table, raised by every committed write (colead/db.py): how a process learns
that another process (the background mail sender, a second app process) wrote a table whose
reads it has cached (colead/ui/cached.py)."""

from sqlmodel import Field, SQLModel


class DataChange(SQLModel, table=True):
    table_name: str = Field(primary_key=True, max_length=64)
    version: int = 0
