"""How a programme weighs the criteria of its match suggestions."""

from sqlmodel import Field, SQLModel


class MatchWeight(SQLModel, table=True):
    """One criterion's weight for one programme; a criterion without a row has its default."""

    programme_id: int = Field(foreign_key="programme.id", primary_key=True, ondelete="CASCADE")
    criterion: str = Field(max_length=20, primary_key=True)
    weight: float
