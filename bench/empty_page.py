"""The baseline of the page benchmark: Streamlit drawing next to nothing."""

import streamlit as st

st.write("empty")
