"""The worksheets in English, shown when a session's language is English.

The declarations (a_1.py … b_6.py) keep the guideline's Japanese wording and stay as they are;
this module holds their English, keyed by the stable ids of what each text belongs to, and
`localise` returns a copy of a sheet with it in place. Only what people read changes: answers
store option ids and table cells by column id, so a sheet read in either language saves alike.

Keys (code is the sheet's, e.g. "A-2"):

    (code, "title") (code, "short_title") (code, "purpose")
    (code, "step", step_id)                    the step's heading
    (code, "step", step_id, "guidance")
    (code, question_id)                        the question's label
    (code, question_id, "help")
    (code, question_id, "hint", hint)          a hint chip, by its Japanese words
    (code, question_id, "option", option_id)   an option's label
    (code, question_id, "option", option_id, "description")
    (code, question_id, "col", column_id)      a table column's heading

Not translated: a SELECT column's options and a table's prefilled rows, which are stored as
they are written (they are answers, not labels). A test walks every text of every sheet and
fails when one has no English here, or when a key here names nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache

from colead.worksheets.schema import Column, Option, Question, Step, Worksheet

Key = tuple[str, ...]

OTHER = "Other (please specify)"
YES_NO = {"yes": "Yes", "no": "No"}


def _options(code: str, question_id: str, labels: dict[str, str]) -> dict[Key, str]:
    return {(code, question_id, "option", oid): label for oid, label in labels.items()}


def _hints(code: str, question_id: str, hints: dict[str, str]) -> dict[Key, str]:
    return {(code, question_id, "hint", hint): text for hint, text in hints.items()}


def _delivery(code: str, step: str) -> dict[Key, str]:
    """colead.worksheets.delivery: how, how often, who (A-4 and B-4 STEP2, B-6 STEP3)."""
    return {
        (code, f"{step}_channels"): "How will you send people information?",
        **_options(
            code,
            f"{step}_channels",
            {
                "newsletter": "Newsletter",
                "group_chat": "Group chat",
                "sns": "Social media",
                "other": OTHER,
            },
        ),
        (code, f"{step}_frequency"): "How often will you send information?",
        **_options(
            code,
            f"{step}_frequency",
            {
                "weekly": "Once a week",
                "biweekly": "Every other week",
                "monthly": "Once a month",
                "as_needed": "As needed",
            },
        ),
        (code, f"{step}_owner"): "Who will be in charge of sending information?",
    }


_INFORMATION = {
    "tourism": "Tourism",
    "events": "Events",
    "local_issues": "Local issues",
    "industry_news": "Industry news",
    "local_topics": "Local current topics",
}

A_1: dict[Key, str] = {
    ("A-1", "title"): "Setting the roles expected of digital talent",
    ("A-1", "short_title"): "Roles",
    ("A-1", "purpose"): (
        "Decide what roles you would like digital talent to play in the region and, with them,"
        " what incentives to offer in return."
    ),
    ("A-1", "step", "STEP1"): "Taking stock of the region's attractions",
    ("A-1", "step", "STEP1", "guidance"): (
        "People interested in working with a region are not after money or a direct return for"
        " their main job: they hope for what their main job cannot give them, such as solving"
        " local issues, meeting local people and meeting others who share their aims. Start by"
        " sorting out what makes your region attractive and what value it can offer digital"
        " talent."
    ),
    ("A-1", "s1_region_summary"): "Describe your region in a few words.",
    ("A-1", "s1_attractions"): "Which of the region's attractions do you want to promote?",
    **_hints(
        "A-1",
        "s1_attractions",
        {
            "地域の産業": "Local industries",
            "地域の特産品": "Local specialities",
            "地域の観光資源": "Tourist attractions",
            "地域の繋がり": "Local ties",
            "高度デジタル人材に提供できる環境": "An environment to offer digital talent",
        },
    ),
    ("A-1", "step", "STEP2"): "Taking stock of the region's issues",
    ("A-1", "step", "STEP2", "guidance"): (
        "Besides its attractions, the region has issues of its own that its own resources have"
        " not solved. Take a broad view of them."
    ),
    ("A-1", "s2_issues"): "What issues does the region face?",
    **_hints(
        "A-1",
        "s2_issues",
        {
            "少子高齢化": "Falling birth rate and ageing population",
            "若者の流出": "Young people moving away",
            "インフラの老朽化": "Ageing infrastructure",
            "ICT化の遅れ": "Slow adoption of ICT",
            "観光客の減少": "Fewer tourists",
        },
    ),
    ("A-1", "step", "STEP3"): "Linking local issues to digital technology",
    ("A-1", "step", "STEP3", "guidance"): (
        "For each issue you listed, work out concretely which digital technology could solve it"
        " and how. Talking it through with the secretariat helps, as do discussions with the"
        " digital specialists that large IT companies now sometimes second to municipalities."
    ),
    ("A-1", "s3_technologies"): "Which digital technologies could help solve the region's issues?",
    ("A-1", "step", "STEP4"): "What you expect of digital talent",
    ("A-1", "step", "STEP4", "guidance"): (
        "Consider your vision of the region in five and ten years. Then think about the"
        " obstacles you meet on the way, what you cannot tackle for lack of resources, and where"
        " you do not know how to begin. What matters is a role only truly exceptional people can"
        " play, such as creating new value, rather than mere efficiency."
    ),
    ("A-1", "s4_vision"): (
        "What kind of region do you want to be in five and ten years? Write down your vision."
    ),
    ("A-1", "s4_barriers"): "What obstacles stand in the way of that vision?",
    ("A-1", "step", "STEP5"): "Incentives for digital talent",
    ("A-1", "step", "STEP5", "guidance"): (
        "Contributing to the region's attractions, issues and vision is already a strong"
        " incentive for digital talent. But to have them come back again and again rather than"
        " once, it helps to reward what they have done with titles, local specialities, coupons"
        " for use in the region and the like. Consider which incentives the region can offer."
    ),
    ("A-1", "s5_incentives"): "What can the region offer so that people keep contributing to it?",
    **_hints(
        "A-1",
        "s5_incentives",
        {
            "地域独自の称号": "A title unique to the region",
            "地域内クーポン": "Coupons for use in the region",
            "活動実績の証明書": "A certificate of activities",
            "地域の特産品": "Local specialities",
            "地域を訪れた際の作業スペースの開放": "Free workspace when visiting the region",
        },
    ),
}

A_2: dict[Key, str] = {
    ("A-2", "title"): "Recruiting talent",
    ("A-2", "short_title"): "Recruiting",
    ("A-2", "purpose"): (
        "Work out concrete ways to recruit people who will be active in the region as its"
        " related population (kankei jinkō): social media, advertising, the services of private"
        " recruitment service providers and others."
    ),
    ("A-2", "step", "STEP1"): "Finding out how to reach the people you want",
    ("A-2", "step", "STEP1", "guidance"): (
        "How you reach people depends on who they are. First find out, by desk research and the"
        " like, which means reach which people. Once the ways of reaching the people you want"
        " are sorted out, choose which to use from STEP2 on."
    ),
    ("A-2", "s1_approach"): "Which ways of reaching the people you want are suitable?",
    **_hints(
        "A-2",
        "s1_approach",
        {
            "求人サイトの募集条件": "Job sites' posting terms",
            "求人トレンドに関するホワイトペーパー": "White papers on recruitment trends",
        },
    ),
    ("A-2", "step", "STEP2"): "Direct approaches",
    ("A-2", "step", "STEP2", "guidance"): (
        "Through social media, web advertising, targeted e-mail and the like, tell digital talent"
        " directly that the region runs an initiative in which its related population helps"
        " local SMEs go digital. Using the channels and partners you already have for promoting"
        " relocation to the region sets this up efficiently. Recruiting at large IT companies"
        " also works, mindful of their own staffing."
    ),
    ("A-2", "s2_media"): "Which media do you use to promote relocation to the region?",
    **_hints(
        "A-2",
        "s2_media",
        {
            "HP等の電子媒体": "Websites and other online media",
            "チラシ等の紙媒体": "Flyers and other print",
        },
    ),
    ("A-2", "s2_bases"): "Do you have bases for promoting relocation to the region?",
    **_hints(
        "A-2",
        "s2_bases",
        {
            "都心のアンテナショップやサテライトオフィス": (
                "Antenna shops or satellite offices in the big cities"
            ),
            "移住支援センター": "Relocation support centres",
        },
    ),
    ("A-2", "s2_partners"): "Which organisations do you work with on relocation?",
    **_hints(
        "A-2",
        "s2_partners",
        {
            "民間人材事業者": "Private recruitment companies",
            "NPO法人": "NPOs",
            "移住支援機関": "Relocation support organisations",
            "他自治体": "Other municipalities",
            "大手IT企業": "Large IT companies",
        },
    ),
    ("A-2", "s2_usable"): "Which of the above could you use to reach digital talent?",
    ("A-2", "step", "STEP3"): "Indirect approaches",
    ("A-2", "step", "STEP3", "guidance"): (
        "Reach digital talent indirectly through outside services, some of them paid: list your"
        " region's website on the Furusato Co-LEAD website (provisional name), or work with"
        " private recruitment service providers whose databases hold people keen on side jobs in"
        " regions, or with the Professional Human Resource Centers the Cabinet Office runs in each"
        " prefecture. Recruiting through the talent networks built by training programmes such as"
        " METI's AI Quest and Manabi DX Quest also works."
    ),
    ("A-2", "s3_services"): "Which private services will you use to recruit?",
    **_options(
        "A-2",
        "s3_services",
        {
            "matching_platform": "Side-job matching platforms",
            "matching_event": "Side-job matching events",
            "targeted_mail": "Targeted e-mail and direct mail",
            "talent_agency": "Side-job recruitment agencies",
            "secretariat": "Through the secretariat",
            "training_network": "Talent networks of METI's and others' training programmes",
        },
    ),
}

A_3: dict[Key, str] = {
    ("A-3", "title"): "Holding a meetup",
    ("A-3", "short_title"): "Meetup",
    ("A-3", "purpose"): (
        "Hold an online event to exchange views casually on the region's attractions and issues:"
        " tell digital talent what the region hopes for, and hear what they think."
    ),
    ("A-3", "step", "STEP1"): "Outline of the event",
    ("A-3", "step", "STEP1", "guidance"): (
        "So that as many digital talent as possible join the meetup: Format: hold it online, so"
        " that people far away can join easily. Date: hold it at the weekend or on a weekday"
        " evening, so that people employed by companies can join. Length: keep it to about one and"
        " a half to two hours, to make joining easy."
    ),
    ("A-3", "s1_dates"): "What are the candidate dates?",
    ("A-3", "s1_tool"): "Which online meeting tool will you use?",
    ("A-3", "step", "STEP2"): "The event's programme",
    ("A-3", "step", "STEP2", "guidance"): (
        "Do not just promote the region: lay the ground for an equal relationship of trust in"
        " which the region and digital talent get to know each other. Keep the atmosphere relaxed"
        " and informal, and make sure communication goes both ways."
    ),
    ("A-3", "s2_attractions"): (
        "Which of the region's attractions do you want to tell digital talent about?"
    ),
    ("A-3", "s2_issues"): (
        "Which of the region's issues should digital talent hear about to understand the region?"
    ),
    ("A-3", "s2_discussion"): (
        "Which of the region's attractions and issues do you want to discuss in groups?"
    ),
    ("A-3", "s2_companies"): "List the candidate companies to introduce as local businesses",
    ("A-3", "s2_companies", "help"): (
        "Present each candidate SME's business, management issues and vision, so that digital"
        " talent can picture how they might help. It helps to have someone from the company join"
        " too."
    ),
    ("A-3", "s2_companies", "col", "outline"): (
        "What to present (business outline, management issues, vision, etc.)"
    ),
    ("A-3", "s2_followup"): "How will you keep in touch with the people who joined the meetup?",
}

A_4: dict[Key, str] = {
    ("A-4", "title"): "Information matched to people's interests (including recruitment)",
    ("A-4", "short_title"): "Information",
    ("A-4", "purpose"): (
        "Share the region's events and other news by newsletter and social media, and news of"
        " the fieldwork tour, so that digital talent who have become the region's related"
        " population (kankei jinkō) grow more interested in it. Once a fieldwork tour is decided,"
        " invite them to join."
    ),
    ("A-4", "step", "STEP1"): "What information to provide",
    ("A-4", "step", "STEP1", "guidance"): (
        "Provide a regular flow of information about the region: tourism and events that make"
        " people want to visit, its industries so that they can picture its SMEs, the people"
        " active in the region, and more."
    ),
    ("A-4", "s1_information"): "What information will you provide?",
    **_options(
        "A-4",
        "s1_information",
        {**_INFORMATION, "local_people": "People active in the region", "other": OTHER},
    ),
    ("A-4", "step", "STEP2"): "How to provide information",
    ("A-4", "step", "STEP2", "guidance"): (
        "A newsletter reaches all digital talent at once. But to build a community of digital"
        " talent around the region, information should not only flow from the region: let digital"
        " talent share news about the region and digital topics too, and react to what the region"
        " posts. Consider social media such as Facebook, Slack or LINE for this two-way exchange."
    ),
    **_delivery("A-4", "s2"),
    ("A-4", "step", "STEP3"): "Recruiting and selecting people for the fieldwork tour",
    ("A-4", "step", "STEP3", "guidance"): (
        "The fieldwork tour should bring in people who fit the management issues and talent needs"
        " that the participating SMEs set out in B-3 (management issues and talent needs). If you"
        " met such people at the meetup, invite them. When you do, tell them what the region and"
        " its SMEs hope for from them."
    ),
    ("A-4", "s3_fit_found"): (
        "Was anyone at the meetup a fit for the talent needs set out in B-3?"
    ),
    ("A-4", "s3_fit_found", "help"): (
        "Even if “No”, go on to the next question if a team of participants could come close to"
        " the talent needs."
    ),
    **_options("A-4", "s3_fit_found", YES_NO),
    ("A-4", "s3_fit_talent"): (
        "If someone fits, give their name and what the region and its SMEs hope for from them."
    ),
    ("A-4", "s3_fit_talent", "col", "expectation"): "What the region / SMEs hope for",
}

# B-4 is A-4's worksheet word for word (colead.worksheets.b_4).
B_4: dict[Key, str] = {("B-4", *key[1:]): text for key, text in A_4.items()}


def _checks(labels: dict[str, str]) -> dict[Key, str]:
    """B-1's checks: each a question answered はい / いいえ."""
    entries: dict[Key, str] = {}
    for question_id, label in labels.items():
        entries[("B-1", question_id)] = label
        entries.update(_options("B-1", question_id, YES_NO))
    return entries


B_1: dict[Key, str] = {
    ("B-1", "title"): "Requirements for candidate companies",
    ("B-1", "short_title"): "Candidate requirements",
    ("B-1", "purpose"): (
        "Set out the requirements for local SMEs likely to work with digital talent. Not every"
        " item needs a tick, but work with each company so that every item of “acceptance"
        " readiness” is ticked before its project starts."
    ),
    ("B-1", "step", "STEP1"): "Appetite for transformation",
    ("B-1", "step", "STEP1", "guidance"): (
        "Judge whether the company is set on transformation: is it interested in creating new"
        " value for its future growth, beyond going digital, and in new business models not bound"
        " by its current one? When judging by its track record, look at selection as a Regional"
        " Future Driving Company (chiiki mirai kenin kigyō), work with business support"
        " organisations and the like."
    ),
    **_checks(
        {
            "transformation_future_leader": "Certified as a Regional Future Driving Company",
            "transformation_vision": "Can the owner talk about a vision?",
            "transformation_innovation": "Business innovation plan approved by a public body",
            "transformation_digital": "Keen on going digital?",
        }
    ),
    ("B-1", "step", "STEP2"): "Acceptance readiness",
    ("B-1", "step", "STEP2", "guidance"): (
        "Working with digital talent needs information such as the company's business situation"
        " and future vision, so management's commitment to the project is essential, and so is"
        " involving the staff who will put a new business model into practice. Check that the SME"
        " can form a project team of management and staff and so be ready to host the talent."
    ),
    **_checks(
        {
            "acceptance_executive": "Executive participation",
            "acceptance_field": "Involving the workplace",
            "acceptance_team": "A project team formed",
        }
    ),
    ("B-1", "step", "STEP3"): "Interest in local issues and will to contribute",
    ("B-1", "step", "STEP3", "guidance"): (
        "The strongest incentive for digital talent to work in a region is helping to solve local"
        " issues, which neither their main job nor a big city offers. List as candidates above all"
        " the companies whose own problems, once solved, help solve the region's, and those"
        " interested in solving local issues."
    ),
    **_checks(
        {
            "region_business": "A business tied directly to local issues?",
            "region_solving": "Keen on solving local issues?",
            "region_activities": "Active in local activities?",
        }
    ),
}

B_2: dict[Key, str] = {
    ("B-2", "title"): "Recruiting local SMEs",
    ("B-2", "short_title"): "Recruiting companies",
    ("B-2", "purpose"): (
        "Recruit local SMEs that meet the requirements set out in B-1. Recruiting together with"
        " organisations that support local SMEs finds suitable candidates efficiently and"
        " effectively."
    ),
    ("B-2", "step", "STEP1"): "Taking stock of candidate companies you already know",
    ("B-2", "step", "STEP1", "guidance"): (
        "Take stock of the candidate companies in your existing network, add them to the"
        " candidate checklist of the previous sheet and check whether they suit the programme."
        " For SMEs to join of their own accord they must expect it to solve their problems:"
        " approach them knowing what those problems are."
    ),
    ("B-2", "s1_candidates"): "Add them to B-1's candidate company checklist (worksheet)",
    ("B-2", "s1_candidates", "help"): (
        "The companies listed here are checked against the requirements in B-1's checklist."
    ),
    ("B-2", "s1_candidates", "col", "issue"): "The company's issues as you know them",
    ("B-2", "step", "STEP2"): "Partner organisations",
    ("B-2", "step", "STEP2", "guidance"): (
        "Consider working with business support organisations, regional financial institutions,"
        " private recruitment companies, the Cabinet Office's Professional Human Resource Centers"
        " and others with networks among local SMEs. When you approach them, show that through"
        " this programme they can offer what they could not offer alone, and that solving the"
        " SMEs' problems revives the region, to their benefit in the long run."
    ),
    ("B-2", "s2_partners"): (
        "List candidate partner organisations and what they gain from joining this programme."
    ),
    ("B-2", "s2_partners", "col", "merit"): "What the partner gains from joining this programme",
    **_hints(
        "B-2",
        "s2_partners",
        {
            "地域金融機関": "Regional financial institutions",
            "経営支援機関": "Business support organisations",
            "地域企業(コンサル等)": "Local companies (consultancies etc.)",
            "人材事業者": "Recruitment companies",
        },
    ),
}

_SOLUTIONS = "Write down the solutions you can think of now for the obstacles to your vision."

B_3: dict[Key, str] = {
    ("B-3", "title"): "Management issues and talent needs",
    ("B-3", "short_title"): "Issues and talent needs",
    ("B-3", "purpose"): (
        "Collect the basic information about local SMEs that matching them with digital talent"
        " needs, and consider at which phase each needs to go digital. For each participating"
        " SME, work out the kind of talent it needs for that phase."
    ),
    ("B-3", "step", "STEP1"): "Taking stock of management issues",
    ("B-3", "step", "STEP1", "guidance"): (
        "Leave aside what you would like digital talent to help with, go back to basics and think"
        " about the problems you face in growing the business sustainably."
    ),
    ("B-3", "s1_company"): "What kind of company are you? Describe it in a few words.",
    ("B-3", "step", "STEP2"): "Where you want to be",
    ("B-3", "step", "STEP2", "guidance"): (
        "Think about your vision of the company you want to be in five and ten years."
    ),
    ("B-3", "s2_direction"): (
        "What kind of company do you want to be in five years? (choose the closest one)"
    ),
    **_options(
        "B-3",
        "s2_direction",
        {
            "stable_growth": "Focus on the current business and grow steadily",
            "scale_up": "Grow the current business further in scale",
            "new_business": "Go beyond the current business and create new ones",
            "transformation": (
                "Aim for a major transformation, such as growing in scale and creating several"
                " new businesses"
            ),
        },
    ),
    ("B-3", "s2_vision"): "Write down your concrete vision for five years from now.",
    ("B-3", "step", "STEP3"): "Making the management issues concrete",
    ("B-3", "step", "STEP3", "guidance"): (
        "Think about what you are working on towards your vision but has hit a wall, what you"
        " cannot tackle for lack of resources, and where you do not know how to begin."
    ),
    ("B-3", "s3_barriers"): "What obstacles stand in the way of your vision?",
    ("B-3", "s3_outsourcing"): "① Solutions by outsourcing work",
    ("B-3", "s3_outsourcing", "help"): _SOLUTIONS,
    ("B-3", "s3_digital"): "② Solutions by IT and going digital",
    ("B-3", "s3_digital", "help"): _SOLUTIONS,
    ("B-3", "s3_people"): "③ Solutions by making use of people",
    ("B-3", "s3_people", "help"): _SOLUTIONS,
    ("B-3", "step", "STEP4"): "Choosing the issues to tackle with digital talent",
    ("B-3", "step", "STEP4", "guidance"): (
        "Rank the management issues you made concrete, so that you can picture which to tackle"
        " with digital talent. Talking with digital talent may bring up new issues or change the"
        " order: adapt as it does."
    ),
    ("B-3", "s4_priorities"): "Choosing the issues to tackle with digital talent",
    ("B-3", "s4_priorities", "col", "rank"): "Priority",
    ("B-3", "s4_priorities", "col", "issue"): "Issue",
    ("B-3", "step", "STEP5"): "The digital talent you want to be matched with",
    ("B-3", "step", "STEP5", "guidance"): (
        "For the issues you chose, consider what expertise the digital talent you are matched"
        " with should have."
    ),
    ("B-3", "s5_talent_types"): (
        "Consider which digital talent the SME needs to solve its issues."
    ),
    **_options(
        "B-3",
        "s5_talent_types",
        {
            "security": "Cybersecurity specialist",
            "data_scientist": "Data scientist",
            "ux_designer": "UI/UX designer",
            "engineer": "Engineer / operator",
            "business_architect": "Business architect",
        },
    ),
    ("B-3", "s5_talent_types", "option", "security", "description"): (
        "A security specialist who protects the IT systems behind business processes from"
        " cyberattacks"
    ),
    ("B-3", "s5_talent_types", "option", "data_scientist", "description"): (
        "Someone who uses statistics and AI to draw new insights from big data and create value"
    ),
    ("B-3", "s5_talent_types", "option", "ux_designer", "description"): (
        "Someone who works out the features and design needed where the company meets its"
        " customers, and designs systems for their users"
    ),
    ("B-3", "s5_talent_types", "option", "engineer", "description"): (
        "Someone who understands cloud and other digital technologies, builds the IT systems the"
        " business needs and keeps the platform beneath them running stably"
    ),
    ("B-3", "s5_talent_types", "option", "business_architect", "description"): (
        "Someone who understands digital technology and can design as a whole how it is brought"
        " into the business on the ground"
    ),
}

B_5: dict[Key, str] = {
    ("B-5", "title"): "Running the fieldwork tour",
    ("B-5", "short_title"): "Fieldwork tour",
    ("B-5", "purpose"): (
        "To match digital talent with local SMEs, run an on-site tour to see the region, exchange"
        " views and propose directions for working together."
    ),
    ("B-5", "step", "STEP1"): "Outline of the tour",
    ("B-5", "step", "STEP1", "guidance"): (
        "The tour is not only for talking with companies: staying in the region and experiencing"
        " its attractions and issues first hand matters as much, so three days and two nights or"
        " more is best. If you want digital talent to stay longer, a tour of four to five days,"
        " with mornings for remote work in their main job and afternoons for the tour, also works"
        " well."
    ),
    ("B-5", "s1_days"): "How many days will the tour last?",
    **_options(
        "B-5",
        "s1_days",
        {
            "two_days": "2 days",
            "three_days": "3 days",
            "four_days": "4 days",
            "five_days": "5 days",
        },
    ),
    ("B-5", "s1_dates"): "What are the candidate dates?",
    ("B-5", "s1_headcount"): "How many digital talent will you recruit?",
    ("B-5", "step", "STEP2"): "Preparing to host",
    ("B-5", "step", "STEP2", "guidance"): (
        "You need a base for the orientation, discussions among the digital talent, presentations"
        " to the companies and so on. A meeting room at the town hall or a hotel, a coworking"
        " space or anything else will do, but it should have Wi-Fi, a whiteboard, a large monitor"
        " and the like. If public transport serves company visits poorly, provide an official car,"
        " a chartered bus or similar to get around efficiently. As digital talent take part as a"
        " side job, it is best to pay a fee (daily allowance) and travel costs for activities from"
        " the fieldwork tour on."
    ),
    ("B-5", "s2_venue"): "Where do you plan to have the tour's base?",
    **_options(
        "B-5",
        "s2_venue",
        {
            "city_hall": "A meeting room at the town hall",
            "rental_room": "A rented meeting room at a hotel or similar",
            "coworking": "A coworking space",
            "other": OTHER,
        },
    ),
    ("B-5", "s2_environment"): "Does the base have what is needed?",
    **_options(
        "B-5",
        "s2_environment",
        {
            "presentation_space": "Space for presentations",
            "discussion_space": "Space for discussions",
            "work_space": "Space for work such as preparing documents",
            "large_display": "A large monitor or projector for presentations",
            "whiteboard": "Whiteboard",
            "internet": "Internet access",
        },
    ),
    ("B-5", "s2_transport"): (
        "How will digital talent get around the region, for company visits and the like?"
    ),
    **_options(
        "B-5",
        "s2_transport",
        {
            "public_transport": "Public transport",
            "official_car": "An official car",
            "rental_car": "A rental car",
            "chartered_bus": "A chartered bus",
            "other": OTHER,
        },
    ),
    ("B-5", "s2_travel_cost"): "How will you cover digital talent's travel to the region?",
    **_options(
        "B-5",
        "s2_travel_cost",
        {
            "none": "Not covered",
            "actual_cost": "Actual costs",
            "capped_cost": "Actual costs up to a limit",
            "flat_rate": "A flat rate",
        },
    ),
    ("B-5", "s2_fee"): (
        "How will you pay digital talent for their activities from the fieldwork tour on?"
    ),
    **_options(
        "B-5",
        "s2_fee",
        {
            "none": "No fee",
            "tour_only": "For the fieldwork tour only",
            "support_only": "For individual support to companies only",
            "all_activities": "For all activities",
        },
    ),
    ("B-5", "step", "STEP3"): "Publicising the tour",
    ("B-5", "step", "STEP3", "guidance"): (
        "Publicising the tour helps future recruitment and builds momentum for going digital in"
        " the region: make a point of it."
    ),
    ("B-5", "s3_publicity"): "Choose how you will publicise the fieldwork tour.",
    **_options(
        "B-5",
        "s3_publicity",
        {
            "website_report": "An event report on the website",
            "municipal_report": "An event report in the municipality's newsletter or website",
            "sns": "Posts on social media",
            "press_release": "A press release",
            "media": "Inviting the media to cover it",
            "other": OTHER,
        },
    ),
    ("B-5", "step", "STEP4"): "The tour's content",
    ("B-5", "step", "STEP4", "guidance"): (
        "Digital talent have few chances to visit the region: use the tour for what can only be"
        " learnt on site and for building trust between them, the region and its SMEs. Find out"
        " beforehand how well they know the region, and choose places that show them something"
        " new. To get more from the visit, have the SMEs work out their management issues and"
        " talent needs first, and hold an online introduction meeting in advance."
    ),
    ("B-5", "s4_companies"): "List the local SMEs taking part in the programme.",
    ("B-5", "s4_companies", "col", "visit"): "What to see and discuss on the company visit",
    ("B-5", "s4_sites"): (
        "List candidate facilities, sights and other places to visit that show the region's"
        " attractions."
    ),
    ("B-5", "s4_itinerary"): "The tour's itinerary (AM / PM)",
    ("B-5", "s4_itinerary", "help"): (
        "'Use this example' puts the guideline's three-day example into the"
        " answer, to change freely. Orientation:"
        " ice-breaking among the digital talent, the three days' itinerary, an overview of the"
        " region (attractions, vision, issues, etc.) and of the companies to visit. Company"
        " visits: seeing production, products and services on site, and exchanging views based on"
        " the introduction meeting and the visit. Presentation to the companies: presenting to"
        " each company the proposed direction of support for its issues, with questions."
    ),
    ("B-5", "s4_itinerary", "col", "day"): "Day",
    ("B-5", "s4_itinerary", "col", "am"): "AM",
    ("B-5", "s4_itinerary", "col", "pm"): "PM",
    ("B-5", "s4_pre_meeting"): "Will you hold an introduction meeting in advance?",
    **_options("B-5", "s4_pre_meeting", YES_NO),
    ("B-5", "s4_pre_meeting_members"): "Whom will you ask to join the introduction meeting?",
    **_options(
        "B-5",
        "s4_pre_meeting_members",
        {
            "companies": "The participating companies",
            "municipality": "The municipality",
            "dx_lab": "The regional IoT Promotion Lab / regional DX Lab",
            "regional_bank": "Regional financial institutions",
            "business_support": "Business support organisations",
            "other_partners": "Other partner organisations",
            "other": OTHER,
        },
    ),
}

B_6: dict[Key, str] = {
    ("B-6", "title"): "Supporting the collaboration projects of companies and talent",
    ("B-6", "short_title"): "Project support",
    ("B-6", "purpose"): (
        "Once digital talent and local SMEs are matched, provide the information needed and"
        " follow progress as you go, so that projects run smoothly."
    ),
    ("B-6", "step", "STEP1"): "How to follow progress",
    ("B-6", "step", "STEP1", "guidance"): (
        "Following milestones rather than each piece of support is the efficient way to check"
        " progress. Example milestones: monthly meetings (digital talent and the region exchange"
        " views, check progress and give support about once a month); an interim report meeting"
        " (halfway through the project, the work and its progress are presented with the SMEs,"
        " local stakeholders and others taking part); a final report meeting (the project's"
        " results are presented with the SMEs, local stakeholders and others taking part)."
    ),
    ("B-6", "s1_progress"): (
        "Write down what you will do to follow the progress of support for each local company"
    ),
    **_options(
        "B-6",
        "s1_progress",
        {
            "meeting_reports": "A report from the digital talent after every meeting with an SME",
            "monthly_meetings": (
                "Monthly meetings at which the team shares how support for each SME is going"
            ),
            "interim_report": (
                "An interim report meeting to sum up the project's direction and progress"
            ),
            "final_report": "A final report meeting to sum up the results of the support",
        },
    ),
    ("B-6", "step", "STEP2"): "Bridging to the region",
    ("B-6", "step", "STEP2", "guidance"): (
        "It is the digital talent who tackle the issues in the project, but give support of your"
        " own as it progresses: be a sounding board for plans, introduce key people of the"
        " municipality and the region, and so on. An SME that can expect its problem to be solved"
        " keeps the relationship going after the programme, so make sure the digital talent and"
        " the SME agree on the issue to tackle and the goal."
    ),
    ("B-6", "s2_advisors"): "Who are the key people in the region who could advise the project?",
    ("B-6", "s2_advisors", "col", "name"): "Name",
    ("B-6", "s2_advisors", "col", "kind"): "Type",
    ("B-6", "s2_advisors", "col", "role"): "Affiliation / expected role",
    **_hints(
        "B-6",
        "s2_advisors",
        {
            "地域で活躍する人材": "People active in the region",
            "大学教員": "University faculty",
            "地域社会・経済のハブ役": "Hubs of local society and economy",
            "経営支援機関等": "Business support organisations and the like",
        },
    ),
    ("B-6", "step", "STEP3"): "Information about the region",
    ("B-6", "step", "STEP3", "guidance"): (
        "Digital talent's attachment to the region feeds straight into their motivation and"
        " commitment to the project. As in A-4 (information matched to people's interests), keep"
        " providing information throughout the project."
    ),
    ("B-6", "s3_information"): "What information will you provide?",
    **_options("B-6", "s3_information", {**_INFORMATION, "other": "Other"}),
    **_delivery("B-6", "s3"),
    ("B-6", "step", "STEP4"): "The relationship after the programme",
    ("B-6", "step", "STEP4", "guidance"): (
        "Work together with a picture of how the relationship with the talent will go on once the"
        " programme ends. Keeping it up alone tends to cost an SME a lot, so it also works for the"
        " region to take the lead: build relationships with talent by field of expertise and share"
        " them among several SMEs."
    ),
    ("B-6", "s4_after"): "How will you keep in touch with the talent after the programme ends?",
}

ENGLISH: dict[Key, str] = {**A_1, **A_2, **A_3, **A_4, **B_1, **B_2, **B_3, **B_4, **B_5, **B_6}


def texts(sheet: Worksheet) -> Iterator[tuple[Key, str]]:
    """Every text of `sheet` that people read, with the key of its English."""
    code = sheet.code
    yield (code, "title"), sheet.title
    yield (code, "short_title"), sheet.short_title
    yield (code, "purpose"), sheet.purpose
    for step in sheet.steps:
        yield (code, "step", step.id), step.title
        if step.guidance:
            yield (code, "step", step.id, "guidance"), step.guidance
        for q in step.questions:
            yield (code, q.id), q.label
            if q.help:
                yield (code, q.id, "help"), q.help
            for hint in q.hints:
                yield (code, q.id, "hint", hint), hint
            for option in q.options:
                yield (code, q.id, "option", option.id), option.label
                if option.description:
                    yield (code, q.id, "option", option.id, "description"), option.description
            for column in q.columns:
                yield (code, q.id, "col", column.id), column.label


def localise(sheet: Worksheet, lang: str) -> Worksheet:
    """`sheet` as people of `lang` read it: the declaration itself in Japanese, a copy with
    the English of every text in English (a text without English keeps its Japanese)."""
    return _english(sheet) if lang == "en" else sheet


@lru_cache(maxsize=64)
def _english(sheet: Worksheet) -> Worksheet:
    code = sheet.code

    def text(key: Key, japanese: str) -> str:
        return ENGLISH.get(key, japanese) if japanese else japanese

    def option(q: Question, o: Option) -> Option:
        key = (code, q.id, "option", o.id)
        return replace(
            o, label=text(key, o.label), description=text((*key, "description"), o.description)
        )

    def column(q: Question, c: Column) -> Column:
        return replace(c, label=text((code, q.id, "col", c.id), c.label))

    def question(q: Question) -> Question:
        return replace(
            q,
            label=text((code, q.id), q.label),
            help=text((code, q.id, "help"), q.help),
            hints=tuple(text((code, q.id, "hint", hint), hint) for hint in q.hints),
            options=tuple(option(q, o) for o in q.options),
            columns=tuple(column(q, c) for c in q.columns),
        )

    def step(s: Step) -> Step:
        return replace(
            s,
            title=text((code, "step", s.id), s.title),
            guidance=text((code, "step", s.id, "guidance"), s.guidance),
            questions=tuple(question(q) for q in s.questions),
        )

    return replace(
        sheet,
        title=text((code, "title"), sheet.title),
        short_title=text((code, "short_title"), sheet.short_title),
        purpose=text((code, "purpose"), sheet.purpose),
        steps=tuple(step(s) for s in sheet.steps),
    )
