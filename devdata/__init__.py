"""Development and benchmark data: the demo newsroom (``manage.py load_demo``), the seed
article, and synthetic load data (``manage.py generate_load_data``). Nothing at run time
imports it."""
