"""The one place of the print views' CSS (印刷用の表示): the sheet's look, and what is printed.

A print view draws its sheet inside `sheet(name)`, a container whose key starts with
`colead_print`. Under print media only that container is printed: the sidebar, the header and
toolbar, buttons, toggles and download widgets, and everything else in the main column are left
out; the page is A4 with its margins, Streamlit's scrolling box is let out so the sheet flows
over pages, and a block marked `PAGE` starts a new page (one worksheet per A4 where it fits).

Static CSS only: no user text ever reaches this file.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

KEY = "colead_print"  # every print sheet's container key starts with this
PAGE = "colead-print-page"  # a block that starts on a new printed page
_SHEET = f'[class*="st-key-{KEY}"]'

_CSS = f"""
<style>
{_SHEET} .colead-ws {{ font-size: 0.95rem; line-height: 1.45; color: #111; }}
{_SHEET} .colead-ws h2 {{ font-size: 1.35rem; margin: 0 0 0.2rem 0; padding: 0; }}
{_SHEET} .colead-ws h3 {{ font-size: 1.1rem; margin: 0.8rem 0 0.3rem 0; padding: 0; }}
{_SHEET} .colead-ws p {{ font-size: inherit; margin: 0 0 0.2rem 0; }}
{_SHEET} .colead-ws .meta {{ color: #444; margin: 0 0 0.3rem 0; }}
{_SHEET} .colead-ws .lead {{ margin: 0 0 0.6rem 0; font-size: 0.9rem; }}
{_SHEET} .colead-ws table {{ border-collapse: collapse; width: 100%; margin: 0 0 0.4rem 0; }}
{_SHEET} .colead-ws th, {_SHEET} .colead-ws td {{
  border: 1px solid #777; padding: 0.25rem 0.4rem; vertical-align: top; text-align: left;
}}
{_SHEET} .colead-ws thead th {{ background: #dcebf0; }}
{_SHEET} .colead-ws th.step {{
  background: #1f6f8b; color: #fff; width: 7.5rem; text-align: center; vertical-align: middle;
}}
{_SHEET} .colead-ws .question {{ font-weight: 600; }}
{_SHEET} .colead-ws .answer {{
  border: 1px solid #999; min-height: 2.2rem; padding: 0.2rem 0.4rem; margin: 0.2rem 0 0.2rem 0;
  white-space: pre-wrap;
}}
{_SHEET} .colead-ws .answer table {{ margin: 0; }}
{_SHEET} .colead-ws td.check {{ text-align: center; vertical-align: middle; }}
{_SHEET} .colead-ws th.vertical {{
  writing-mode: vertical-rl; text-orientation: upright; white-space: nowrap;
  text-align: left; vertical-align: top; padding: 0.4rem 0.15rem; letter-spacing: 0.05em;
}}
@media print {{
  @page {{ size: A4 portrait; margin: 12mm 11mm; }}
  /* the app around the sheet */
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
  [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stStatusWidget"], [data-testid="stBottom"], header, footer,
  .stButton, .stDownloadButton, [data-testid="stDownloadButton"], [data-testid="stCheckbox"],
  [data-testid="stElementToolbar"], [data-testid="stHeaderActionElements"], button {{
    display: none !important;
  }}
  /* in the main column, whatever neither is the sheet, holds it, nor sits inside it */
  body:has({_SHEET}) [data-testid="stMain"] [data-testid="stVerticalBlock"]
    > :not({_SHEET}):not(:has({_SHEET})):not({_SHEET} *) {{
    display: none !important;
  }}
  /* Streamlit scrolls its main area inside a box one screen high: let it flow over pages */
  html, body, .stApp, [data-testid="stApp"], [data-testid="stAppViewContainer"],
  [data-testid="stMain"], [data-testid="stMainBlockContainer"] {{
    height: auto !important; min-height: 0 !important; overflow: visible !important;
    position: static !important;
  }}
  [data-testid="stMainBlockContainer"] {{ padding: 0 !important; max-width: none !important; }}
  [data-testid="stAppViewContainer"] {{ inset: auto !important; }}
  {_SHEET} {{ font-size: 10pt; }}
  {_SHEET} .colead-ws {{ font-size: 9.5pt; line-height: 1.35; }}
  {_SHEET} .colead-ws .lead {{ font-size: 8.5pt; }}
  {_SHEET} .{PAGE} {{ break-before: page; }}
  {_SHEET} tr, {_SHEET} ol, {_SHEET} .answer {{ break-inside: avoid; }}
  {_SHEET} h2, {_SHEET} h3 {{ break-after: avoid; }}
  * {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
}}
</style>
"""


def sheet(name: str) -> Any:
    """The container a print view draws its sheet in; the print CSS comes with it."""
    st.html(_CSS)
    return st.container(key=f"{KEY}_{name}")
