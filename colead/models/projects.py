"""Collaboration projects (B-6): team, milestones and the reports talent submit."""

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from colead.models.base import utcnow


class Project(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", index=True, ondelete="CASCADE")
    company_id: int = Field(foreign_key="company.id", index=True, ondelete="CASCADE")
    theme: str = Field(max_length=300)
    starts_on: date
    ends_on: date | None = None
    created_at: datetime = Field(default_factory=utcnow)


class ProjectMember(SQLModel, table=True):
    project_id: int = Field(foreign_key="project.id", primary_key=True, ondelete="CASCADE")
    talent_id: int = Field(
        foreign_key="talent.id", primary_key=True, index=True, ondelete="CASCADE"
    )
    role: str = Field(default="", max_length=100)
    joined_on: date | None = None


class Milestone(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=20)
    title: str = Field(max_length=200)
    due_on: date
    done_on: date | None = None


class MeetingReport(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True, ondelete="CASCADE")
    talent_id: int = Field(foreign_key="talent.id", index=True, ondelete="CASCADE")
    milestone_id: int | None = Field(default=None, foreign_key="milestone.id", ondelete="SET NULL")
    submitted_on: date
    summary: str = Field(default="")
