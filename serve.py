"""The app as `make run` serves it: Home.py, with the routes of colead/web.py beside it
(a person's calendar feed at `/calendar/<token>.ics`).

`streamlit run serve.py` finds `app` and serves Home.py through Streamlit's own server
(`st.App`), with the same options and config as `streamlit run Home.py`, which still works
without the calendar feed.
"""

import streamlit as st

from colead.web import routes

app = st.App("Home.py", routes=routes())
