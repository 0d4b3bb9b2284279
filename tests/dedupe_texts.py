"""Texts written for the dedupe tests: one wire story, the shapes its copies take, and
the look-alikes that must stay apart. Nothing here is taken from a fixture."""

from __future__ import annotations

# A wire report of fourteen paragraphs (about 2,300 characters).
WIRE = [
    "FERNHOLM, June 3 (Wire) - Air traffic controllers at Fernholm's two main airports "
    "walked out on Tuesday, grounding more than 400 flights after talks on staffing and "
    "overtime broke down late on Monday night.",
    "The stoppage, called by the Aviation Controllers' Guild, is the first since 2016 and "
    "comes a week after the transport regulator warned that the control centre was short "
    "of at least 60 qualified staff.",
    "\"We have covered the gaps with overtime for four years, and people are exhausted,\" "
    "guild secretary Inga Thorsby told reporters outside the control centre at Vennby.",
    "The guild wants 80 new posts funded this year and a cap of 48 working hours a week. "
    "The state air navigation company has offered 25 posts and a review of rosters.",
    "Company chief executive Pavel Oren said the guild's demands would cost about 90 "
    "million crowns a year. \"We cannot train controllers faster than the academy allows,\" "
    "he said in a statement.",
    "By Tuesday afternoon, 412 departures and arrivals had been cancelled at Vennby and "
    "Lossa, according to the airport operator, and some long-haul flights were diverted "
    "to neighbouring countries.",
    "Fernholm's airports handled 31 million passengers last year, and tourism accounts "
    "for about 7 percent of the economy, according to the national statistics office.",
    "Infrastructure Minister Dora Kessel urged both sides to return to talks and said "
    "the government would not ask military controllers to take over civilian traffic.",
    "\"A strike in the first week of the summer season is the worst possible timing,\" "
    "Kessel told a news conference in the capital.",
    "Airlines began offering refunds and free rebooking. The largest carrier, Nordavia, "
    "said it had cancelled all domestic flights until Thursday.",
    "Shares in Nordavia fell 4.2 percent in Fernholm trading, while the crown was little "
    "changed against the euro.",
    "Travel agents said hotels near both airports were fully booked by Tuesday evening, "
    "and rail operators added extra trains between Vennby and the capital.",
    "The guild's last strike, in September 2016, lasted three days and ended with a "
    "mediated agreement on pay that expired at the end of last year.",
    "Talks are due to resume on Wednesday under a mediator appointed by the labour court.",
]
WIRE_TEXT = "Controllers strike grounds flights across Fernholm\n\n" + "\n\n".join(WIRE)

# A different report on the same event by another outlet: same facts, other words.
OTHER_OUTLET = [
    "Hundreds of flights were cancelled across Fernholm on Tuesday when air traffic "
    "controllers went on strike at the country's two busiest airports.",
    "Controllers say years of understaffing have left them working long shifts, and "
    "their guild is demanding dozens of new posts and limits on weekly hours.",
    "The state-owned navigation company says it cannot train new staff quickly and has "
    "offered a smaller increase in posts along with a review of working patterns.",
    "Passengers at Vennby queued for hours at airline desks, many trying to rebook on "
    "trains or on flights from airports across the border.",
    "\"I have been here since six in the morning and nobody can tell me anything,\" said "
    "one traveller, a teacher returning home from a conference.",
    "The government has said it will not order military staff into the control towers, "
    "and a mediator from the labour court will meet both sides on Wednesday.",
]

SITE_NAV = ["Home", "News", "Business", "Sport", "Travel", "Opinion", "Video", "Sign in"]
SITE_FOOTER = [
    "Sign up for our free morning newsletter and get the day's top stories in your inbox "
    "before breakfast.",
    "We welcome comments from readers, but please keep them civil and on topic, and do "
    "not share personal details.",
    "Related stories",
    "Council approves new cycle lanes",
    "Harbour ferry timetable changes from Monday",
    "Copyright 2026 Vennby Evening Post. All rights reserved.",
]
HARBOUR_ITEM = [
    "The harbour board approved a plan on Thursday to deepen the main shipping channel at "
    "Lossa, a project expected to take two years and cost 140 million crowns.",
    "Board chair Mette Lund said larger container ships had been forced to wait for high "
    "tide, adding costs for importers and exporters in the region.",
    "Fishermen's groups have objected that dredging will disturb spawning grounds, and "
    "the board said it would pause work each spring.",
    "Construction is due to start in the autumn once the environmental permit is issued.",
]
SCHOOL_ITEM = [
    "Vennby's school board voted on Wednesday to close two primary schools in the old "
    "town and merge their pupils into a new building on the east side.",
    "Parents packed the meeting, and several said the longer walk would force families "
    "to drive children to school across a busy ring road.",
    "Board member Aksel Rye said falling pupil numbers left the two buildings half "
    "empty, and that repairs would cost more than the new school.",
    "The merger will take effect at the start of the next school year.",
]

# Two monthly meetings of one central bank, described in the bank's own words.
MEETING_MARCH = [
    "The Bank of Fernholm kept its policy rate at 3.25 percent on Thursday, as expected, "
    "saying inflation was moving back towards its target.",
    "Governor Ruth Alming said the board saw no need to cut rates before the summer, "
    "because wage growth remained strong and services prices were still rising.",
    "Inflation slowed to 2.9 percent in February from 3.4 percent in January, the "
    "statistics office said last week.",
    "The board also decided to slow the sale of government bonds from its balance sheet.",
    "The bank's next monetary policy meeting will be held in April.",
]
MEETING_APRIL = [
    "The Bank of Fernholm cut its policy rate to 3.0 percent on Thursday, its first cut "
    "in two years, saying inflation was close to its target.",
    "Governor Ruth Alming said the board judged that wage growth was easing and that "
    "lower energy prices would keep inflation down over the summer.",
    "Inflation slowed to 2.3 percent in March from 2.9 percent in February, the "
    "statistics office said last week.",
    "Two of the five board members voted to keep rates unchanged.",
    "The bank's next monetary policy meeting will be held in June.",
]

# Two versions of one agency story: a new lede and new facts, the same background.
BACKGROUND = [
    "The Korsvik mine, about 200 kilometres north of the capital, is the country's "
    "largest source of zinc and employs about 1,800 people.",
    "It is run by Korsvik Metals, which is listed in Stockholm and owns two smaller "
    "mines in the same province.",
    "In 2019 a rockfall in another section of the mine killed two workers, and an "
    "inquiry found that roof bolts had not been replaced on schedule.",
    "Mining unions have long complained that inspections have not kept up with the "
    "expansion of underground work in the province.",
]
MINE_FIRST = [
    "KORSVIK, Fernholm (Agency) - A tunnel collapsed at a zinc mine in northern Fernholm "
    "on Monday, trapping nine miners about 600 metres underground, officials said.",
    "The collapse happened shortly after noon on a level where a crew was installing "
    "ventilation pipes, Labour Minister Ole Strand told reporters at the mine.",
    "\"We have reason to hope, because there is a refuge chamber in that section,\" "
    "Strand said, adding that rescuers had begun drilling a borehole.",
    "Relatives gathered at the mine gate as night fell, some holding photographs.",
    *BACKGROUND,
]
MINE_UPDATE = [
    "KORSVIK, Fernholm (Agency) - Rescuers brought six miners out alive from a collapsed "
    "zinc mine in northern Fernholm on Thursday, but found three of their colleagues dead.",
    "The survivors had sheltered in a refuge chamber and rationed water for three days, "
    "rescue chief Hanne Berg said as the last of them was carried out on a stretcher.",
    "Prime Minister Jon Vik declared a day of national mourning and ordered a review "
    "of safety at every underground mine in the country.",
    "\"No family should lose someone to a job that could have been made safe,\" Vik said "
    "in a televised address.",
    "The union said it would file a criminal complaint against the company.",
    *BACKGROUND,
    "Zinc prices rose 2 percent in London on Thursday.",
]

# A follow-up that quotes one paragraph of the first report.
FOLLOW_UP = [
    "Fernholm's air traffic controllers returned to work on Friday after three days on "
    "strike, ending disruption that grounded more than 1,200 flights.",
    "The guild accepted a deal that funds 50 new posts over two years and caps the "
    "working week at 50 hours, a compromise put forward by the labour court's mediator.",
    "When the strike began, guild secretary Inga Thorsby said: \"We have covered the gaps "
    "with overtime for four years, and people are exhausted.\"",
    "On Friday she called the deal \"a start, not a solution\", and said the guild would "
    "watch closely whether the new posts were filled.",
    "Airlines said schedules would be back to normal by Sunday, though some passengers "
    "were still waiting for their luggage.",
    "Nordavia said the strike had cost it about 40 million crowns in refunds and rebooking.",
]

# Press releases from one company: a short announcement each, then the same long
# "About" section and legal notice.
COMPANY_FOOTER = [
    "About Vennby Maritime Holdings",
    "Vennby Maritime Holdings operates container terminals, tug fleets and logistics "
    "parks in six countries around the Baltic and North Sea, handling more than four "
    "million containers a year.",
    "Founded in 1962 as a family stevedoring business, the company employs about 5,400 "
    "people and is listed on the Fernholm stock exchange.",
    "Its strategy is to invest in automated, low-emission terminals and to grow its "
    "inland rail and barge services for shippers across northern Europe.",
    "Forward-looking statements",
    "This release contains forward-looking statements that reflect the company's current "
    "views about future events and are subject to risks and uncertainties.",
    "Actual results may differ materially from those expressed or implied, and the company "
    "undertakes no obligation to update these statements except as required by law.",
    "Factors that could cause such differences include changes in trade volumes, fuel "
    "prices, labour relations, regulation and the financial condition of customers.",
]
RELEASES = [
    ["VENNBY, May 4 - Vennby Maritime Holdings said on Monday it had signed a contract "
     "for four electric straddle carriers for its Lossa terminal, to be delivered in 2027.",
     "The machines will replace diesel units that are more than fifteen years old."],
    ["VENNBY, June 9 - Vennby Maritime Holdings reported first-quarter revenue of 212 "
     "million crowns, up 6 percent from a year earlier, helped by higher rail volumes.",
     "Chief executive Ole Brandt said the strike at Fernholm's airports had no effect on "
     "cargo handled by the group."],
    ["VENNBY, July 2 - Vennby Maritime Holdings appointed Lise Marstrand as chief "
     "financial officer with effect from September, succeeding Tor Halle, who is retiring.",
     "Marstrand joins from a Nordic ferry operator where she led its finance team for "
     "eight years."],
]
