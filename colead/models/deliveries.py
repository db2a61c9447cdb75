"""Information sent to talent to keep their interest (A-4, B-4)."""

from datetime import date

from sqlmodel import Field, SQLModel


class InformationDelivery(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=50)
    channel: str = Field(max_length=50)
    sent_on: date = Field(index=True)
    subject: str = Field(max_length=200)


class DeliveryRecipient(SQLModel, table=True):
    delivery_id: int = Field(
        foreign_key="informationdelivery.id", primary_key=True, ondelete="CASCADE"
    )
    talent_id: int = Field(
        foreign_key="talent.id", primary_key=True, index=True, ondelete="CASCADE"
    )
