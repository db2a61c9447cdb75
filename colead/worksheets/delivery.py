"""Questions the guideline asks alike in A-4 (and so B-4) and B-6 STEP3: how, how often, who."""

from colead.worksheets.schema import Kind, Option, Question


def delivery_questions(step: str) -> tuple[Question, ...]:
    """どのような方法で／どれくらいの頻度で／誰が: ids prefixed with `step` (e.g. "s2")."""
    return (
        Question(
            f"{step}_channels",
            "どのような方法で人材に情報提供しますか？",
            Kind.MULTI,
            options=(
                Option("newsletter", "メールマガジン"),
                Option("group_chat", "グループチャット"),
                Option("sns", "SNS"),
                Option("other", "その他（具体的に）", other=True),
            ),
        ),
        Question(
            f"{step}_frequency",
            "どれくらいの頻度で情報提供しますか？",
            Kind.SINGLE,
            options=(
                Option("weekly", "週に１回"),
                Option("biweekly", "隔週"),
                Option("monthly", "月に１回"),
                Option("as_needed", "随時"),
            ),
        ),
        Question(f"{step}_owner", "情報発信は誰が担当しますか？", Kind.TEXT),
    )
