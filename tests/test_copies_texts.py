"""Short news texts written for the copy-stage tests (imported by test_copies_*.py; holds no tests)."""

WIRE = """(Harbor Wire) -- The city council of Lenford approved a new flood defense program on Sunday, after two \
storms damaged the riverside district earlier this year.

The program will raise the embankment along the Orrin river by one meter and add three pumping stations, council \
member Tomas Reyes said at a press briefing.

Reyes said the work would start this month and take about two years to finish.

Residents of the riverside district had asked for better protection since the first storm flooded more than two \
hundred homes in March.

The council set aside forty million dollars for the work, most of it from a regional grant approved last week.

Engineers from the regional water authority will review the plans before construction begins.

A local business group welcomed the decision but said shop owners needed help with repairs now.

The council will hold a public meeting on the program at the town hall next month.

©2024 Harbor Wire Services"""

# A house-edited reprint: British spelling, an honorific, relative dates made absolute, a trailing credit.
REPRINT = """The city council of Lenford approved a new flood defence programme on June 2, after two storms damaged \
the riverside district earlier in 2024.

The programme will raise the embankment along the Orrin river by one metre and add three pumping stations, council \
member Tomas Reyes said at a press briefing.

Mr Reyes said the work would start in June and take about two years to finish.

Residents of the riverside district had asked for better protection since the first storm flooded more than two \
hundred homes in March.

The council set aside forty million dollars for the work, most of it from a regional grant approved last week.

Engineers from the regional water authority will review the plans before construction begins.

A local business group welcomed the decision but said shop owners needed help with repairs now.

The council will hold a public meeting on the programme at the town hall next month. Harbor Wire"""

# The first half of the story only.
TRIMMED = """The city council of Lenford approved a new flood defense program on Sunday, after two storms damaged the \
riverside district earlier this year.

The program will raise the embankment along the Orrin river by one meter and add three pumping stations, council \
member Tomas Reyes said at a press briefing.

Reyes said the work would start this month and take about two years to finish.

Residents of the riverside district had asked for better protection since the first storm flooded more than two \
hundred homes in March."""

# Local reporting that embeds the whole wire story.
LOCAL = """Shopkeepers on Mill Lane spent Monday morning clearing mud from their basements for the third time this \
spring.

Baker Ines Moreau said her ovens had been out of use for nine days and she had lost most of her regular customers to a \
supermarket across town.

Her neighbour, a bicycle mechanic, has moved his workshop to a rented garage on higher ground until the repairs are \
done.

The city council of Lenford approved a new flood defense program on Sunday, after two storms damaged the riverside \
district earlier this year.

The program will raise the embankment along the Orrin river by one meter and add three pumping stations, council \
member Tomas Reyes said at a press briefing.

Reyes said the work would start this month and take about two years to finish.

Residents of the riverside district had asked for better protection since the first storm flooded more than two \
hundred homes in March.

The council set aside forty million dollars for the work, most of it from a regional grant approved last week.

Engineers from the regional water authority will review the plans before construction begins.

A local business group welcomed the decision but said shop owners needed help with repairs now.

The council will hold a public meeting on the program at the town hall next month.

Moreau said she would go to the meeting and ask the council to pay for new ovens.

Other traders said they would wait to see whether the grant money arrives before deciding whether to stay on Mill Lane.

The street association plans a clean-up day for volunteers on Saturday."""

# A different story on a related subject: not a copy.
OTHER = """Farmers north of Lenford say the spring storms have delayed planting by almost a month.

Wet fields have kept tractors in their sheds, and several growers have switched from wheat to faster crops such as \
barley.

The regional farmers union asked the government for low-interest loans to cover the lost weeks.

A spokesperson for the agriculture ministry said officials were still counting the damage and would respond within two \
weeks.

Seed merchants reported strong demand for short-season varieties, with some stocks already sold out.

Weather forecasters expect a drier summer, which could help the harvest recover if the rain stops soon."""
