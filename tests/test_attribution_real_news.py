"""Attribution patterns of real news copy that our own corpora missed, each on
sentences written for these tests: the speaker *mention* (the evidence) and the
resolved speaker."""

from __future__ import annotations

import pytest

from quotetrace import extract_quotes


def attribution(text: str) -> list[tuple[str, str | None, str | None]]:
    """(quote, mention as written, resolved speaker) for every statement."""
    out = []
    for q in extract_quotes(text):
        if q.kind not in ("full", "partial", "continuation"):
            continue
        if q.speaker_as_written is not None:
            assert text[q.speaker_start : q.speaker_end] == q.speaker_as_written
        out.append((q.text, q.speaker_as_written, q.speaker))
    return out


def first(text: str) -> tuple[str | None, str | None]:
    rows = attribution(text)
    assert rows, text
    return rows[0][1], rows[0][2]


@pytest.mark.parametrize(
    ("text", "mention", "speaker"),
    [
        # a long appositive between the quote and the cue
        (
            "“The audit found nothing we did not expect,” Priya Natarajan, deputy director of the Center "
            "for Fiscal Studies at Harlow University, said in an interview on Monday.",
            "Priya Natarajan",
            "Priya Natarajan",
        ),
        (
            "“Turnout was the real story,” Gareth Llewellyn, a senior lecturer in politics at Cardiff Metropolitan "
            "University, told the BBC.",
            "Gareth Llewellyn",
            "Gareth Llewellyn",
        ),
        # inverted, the name then "of" and what they work for
        ("“We will not stop the count,” said Osman Kheir of regional polling firm DataNorth.", "Osman Kheir of regional polling firm DataNorth", None),
        # inverted, lowercase title words and a number glued to the name
        ("“It was a long night,” mused Channel 4 co-host Lena Marsh.", "Channel 4 co-host Lena Marsh", "Lena Marsh"),
        # a party tag or a time phrase between the subject and its verb
        ("“The bill is dead,” Sen. Maria Hollis (D-Ore.) said Tuesday.", "Sen. Maria Hollis", "Maria Hollis"),
        ("“It was never about money,” Rep. Dan Ochoa II (R-Ariz.) said.", "Rep. Dan Ochoa II", "Dan Ochoa II"),
        ("“We were caught off guard,” Teodor Lind on Friday said.", "Teodor Lind", "Teodor Lind"),
        # a relative named with a possessive
        ("“He had so many plans,” his cousin Idris Ndiaye told the newspaper.", "his cousin Idris Ndiaye", "Idris Ndiaye"),
        # a surname that is also a reporting verb
        ("Sam Read runs the shelter.\n“We did what we had to,” Read said.", "Read", "Sam Read"),
        # the cue later in the sentence, after an aside
        (
            "“These groups have been setting the table for voters,” in sharp contrast to earlier years when "
            "parties did it, says Karl Obuya, a historian at the University of Leeds.",
            "Karl Obuya",
            "Karl Obuya",
        ),
    ],
)
def test_speaker_named_after_the_quote(text: str, mention: str, speaker: str | None) -> None:
    got_mention, got_speaker = first(text)
    assert got_mention == mention
    if speaker is not None:
        assert got_speaker == speaker


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("“The river has never been this low,” the report says.", "the report"),
        ("“The pipeline crosses three reserves,” the lawsuit reads.", "the lawsuit"),
        ("“It is not finished,” wrote Harper’s Magazine.", "Harper’s Magazine"),
    ],
)
def test_documents_and_media_as_sources(text: str, mention: str) -> None:
    assert first(text)[0] == mention


def test_a_noun_after_a_determiner_or_possessive_is_no_cue() -> None:
    # "comments" after a possessive is a noun: the speaker is whoever told the paper.
    text = "Councillor Ines Moreau told the Herald on Monday that Kessler’s comments “make no sense at all.”"
    assert first(text) == ("Councillor Ines Moreau", "Ines Moreau")


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Said Dorothy Kwan, who grew up two doors down, “We were all so proud of him.”", "Dorothy Kwan"),
        ('As the Tribune’s Maya Ellison puts it, "The council is unmoved, and the activists are uninspired."', "the Tribune’s Maya Ellison"),
        ("Rising costs are a worry, according to the Grattan Institute: “Households in the outer suburbs pay twice as much.”", "the Grattan Institute"),
        ("Teodora Vance continued:\n\n“You look at the questions and you wonder who wrote them.”", "Teodora Vance"),
        # headline style
        ("Okonjo Says “We Will Appeal” After Ruling", "Okonjo"),
    ],
)
def test_speaker_named_before_the_quote(text: str, mention: str) -> None:
    assert first(text)[0] == mention


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ('"I will look into it. I don\'t know the status, but I will look into it."\n- Marcus Webb.', "Marcus Webb"),
        ('"Great speech. She\'s ready."\n-Governor Ellen Park, tweeting after the debate.', "Governor Ellen Park"),
        ("“The whole idea is wrong and it needs to stop.”\n— Alicia Moreno (@amoreno) March 3, 2016", "Alicia Moreno"),
    ],
)
def test_a_quote_signed_on_the_next_line(text: str, mention: str) -> None:
    assert first(text)[0] == mention


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("It is the lasting appeal of Lindqvist's \"keep your doctor\" promise that worries them.", "Lindqvist"),
        ('The mayor repeated Kessler\'s warning that "the bridge will not last another winter."', "Kessler"),
        ('Okafor\'s reply: "We never agreed to that."', "Okafor"),
    ],
)
def test_possessive_speech_nouns(text: str, mention: str) -> None:
    assert first(text)[0] == mention


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ('Marchers filled the square, chanting "Teachers not tanks" as they went.', "Marchers"),
        ("In 2014, the Pew Research Center found that “about twice as many young voters favored the plan.”", "the Pew Research Center"),
        ('Okafor fired back that the "people of this district elected me twice" and moved on.', "Okafor"),
        ("Hale said on Tuesday that the plan would “lead to war,” and left.", "Hale"),
    ],
)
def test_partial_quotes_inside_reported_speech(text: str, mention: str) -> None:
    assert first(text)[0] == mention


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        # the subject ends a long clause with no comma before it
        ("Saturday at the state party convention Sen. Ilse Brandt (D-Vt.) said the governor was a “proven failure” in business.", "Sen. Ilse Brandt"),
        ("Although in March she said the decision was a mistake, at the town hall this week she said it was not \"an error in judgement.\"", "she"),
        ("In May 2013 - four months after the vote - the Transport Ministry told the union that \"no records were located.\"", "the Transport Ministry"),
        # a semicolon starts a clause
        ('More than nine of 10 farmers were worried about prices; most said they were "very worried."', "most"),
        # a clause word before the subject
        ('A judge sentenced a man to probation after the man had posted on his page that migrants should "burn alive."', "the man"),
        # quantities speak in polls
        ('About four in 10 said they were "angry" with the council.', "About four in 10"),
        ('While 37 percent of residents say the mayor is "very responsible" for the delays, others disagree.', "37 percent of residents"),
        # an -ing cue takes the subject of the reporting verb before it
        ("“Leaders must come together,” he said, adding that the plan could protect against “Beijing’s worrying actions” at sea.", "he"),
        ("“Let him decide,” said Vice President Marta Gil, urging the critics to “give him time.”", "Vice President Marta Gil"),
        ('Weighing in on the discussion, former Ohio Gov. Ray Lutz agreed, praising his rival as "one of the most gifted stars we have."', "former Ohio Gov. Ray Lutz"),
        # the reporting verb whose subject is a speaker, not the nearest verb
        (
            "But a source familiar with the bank’s internal review said the parts of the network that were hacked suggested "
            "the intruders were seeking “economic intelligence.”",
            "a source familiar with the bank’s internal review",
        ),
        # a passive with its agent after the quote
        ('The files were recently labeled "top secret" by the Foreign Office, officials said.', "the Foreign Office"),
    ],
)
def test_subject_of_the_reporting_clause(text: str, mention: str) -> None:
    assert first(text)[0] == mention


def test_a_nickname_is_never_the_start_of_a_speaker() -> None:
    text = "Union President Marcus “Big Mac” Delahunt told the crowd the company had offered a “final” proposal."
    mention, speaker = first(text)
    assert mention == "Union President Marcus “Big Mac” Delahunt"
    assert speaker == "Marcus Delahunt"


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        # a title or role in lowercase right before a full name
        ("“We will want a reformer,” Harlow campaign Chairman Ivo Stanek told the Ledger.", "Harlow campaign Chairman Ivo Stanek"),
        ('"I have never been prouder," former State policy planning director Mira Osei wrote to the minister.', "former State policy planning director Mira Osei"),
        # a coordinated reporting verb
        ('In a wide-ranging, in-prison interview last year, Lazlo said he welcomed extradition and added, "I\'ll plead guilty."', "Lazlo"),
        # documents and organisations as "it"
        ("“I just tried you on the phone,” it reads.", "it"),
        # a quote closed with an opening-shaped mark
        ("“It's unusual,“ said Larry Nolan, an attorney with the Campaign Legal Center.", "Larry Nolan"),
        # the cue later in the sentence after a quote that does not end it
        ('"They don\'t have a choice" but to take the lead in advertising, says Evan Tracy, a consultant.', "Evan Tracy"),
        # a source named before a colon
        ("The interplay has been important - Petra Bauman: “Two weeks ago, his strongest territory was the South.”", "Petra Bauman"),
        ("From the report: “In general, samples with more elaborate weighting produced better results.”", "the report"),
        ("Okafor’s response was: “Is the store off Main or Elm?”", "Okafor"),
        # any verb with a that-clause
        ("He anticipated that one of the biggest challenges would be “dealing with the problems he leaves behind.”", "He"),
        # a relative pronoun is the mention; the name it follows is the speaker
        ("Beck, who has in the past described the senator as “a pathological narcissist,” spoke on Tuesday.", "who"),
    ],
)
def test_more_reporting_constructions(text: str, mention: str) -> None:
    assert first(text)[0] == mention


def test_relative_pronoun_resolves_to_its_antecedent() -> None:
    text = "Later, Swanson praised evangelist Frank Gorham, who has publicly vowed to skip the fair because of its “support of radical causes.”"
    assert first(text) == ("who", "Frank Gorham")


def test_what_a_speaker_reports_someone_believes_is_the_speakers_quote() -> None:
    text = 'Police Chief Amara Dell said on Monday that investigators believed the fight began inside and "spilled out into the parking lot."'
    assert first(text)[0] == "Police Chief Amara Dell"


def test_a_gerund_after_a_preposition_is_no_cue() -> None:
    text = 'The committee’s top Democrat, Rep. Nadia Amin (D-Mich.), accused Republicans of writing the bill "for the industry, by the industry."'
    assert first(text) == ("Rep. Nadia Amin", "Nadia Amin")


def test_a_quote_paragraph_after_a_reporting_sentence() -> None:
    text = (
        "“By the way it is negotiable,” Ruiz said.\n\n"
        "Ruiz was quick to add that the negotiation does not include dropping the idea altogether.\n\n"
        "“Building it? Not negotiable.”"
    )
    rows = attribution(text)
    assert rows[-1][1] == "Ruiz"


def test_narrative_between_two_quotes_names_the_next_speaker() -> None:
    text = (
        '"We should focus on what matters," says Gloria Marsh, 34, a nurse from Laredo. '
        'She says people should be free to choose. "It is their life; they are not hurting anybody."'
    )
    rows = attribution(text)
    assert rows[1][1] == "She" and rows[1][2] == "Gloria Marsh"


def test_a_cue_right_before_the_quote_wins() -> None:
    text = "When someone in the audience shouted, “Ruiz,” Baker joked, “Amen, brother!”"
    rows = attribution(text)
    assert rows[0][1] == "someone in the audience"
    assert rows[1][1] == "Baker"


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ('Former secretary of state Ada Ruiz: "We will not back down."', "Former secretary of state Ada Ruiz"),
        # an object relative: the subject after "who" speaks
        ('Sanders urged unity against Dale Trent, who he blasted as a "bully and demagogue" on Monday.', "he"),
        # an inverted aside before the quote
        ('The paradox of the office, says Carl Antonov, historian at the National Library, is that it was "the most powerful job."', "Carl Antonov"),
        ("A friend referred to him as “the most beautiful soul I’ve ever met” in a Facebook post.", "A friend"),
        # a participle opening the sentence has the main clause's subject
        ("Citing the attack as a wake-up call for voters and their “reveries about an easy job,” Wills urged the party to act.", "Wills"),
        # a participle after a quote is no inverted cue
        ('Ruiz welcomed the news, saying the governor was "doing the right thing," suggesting he might consider him as a running mate.', "Ruiz"),
    ],
)
def test_clauses_around_a_partial_quote(text: str, mention: str) -> None:
    assert first(text)[0] == mention


@pytest.mark.parametrize(
    "text",
    [
        "If it had appeared he was encouraging violence, the statement was clear.",
        "he might consider Kasich as a contender",
    ],
)
def test_a_clause_is_no_speaker(text: str) -> None:
    from quotetrace.extract import looks_like_speaker

    assert not looks_like_speaker(text)


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        # a closing-shaped mark that opens a quote
        ("”This plan is a disaster,” Ruiz said.", "Ruiz"),
        ("The odds were long.\n” … in the case of Ohio, the train has left the station,” wrote Harper’s Weekly.", "Harper’s Weekly"),
        # a doubled opening mark
        ("Hoff proposes similar language in the platform: ““Terrorism poses an existential threat.”", "Hoff"),
        # a list inside an appositive
        (
            "The plans “will not solve this,” Anne Rivers, assistant secretary for population, refugees, and migration, said on a call.",
            "Anne Rivers",
        ),
        ("Section 1001 applies “when individuals make misleading statements,” according to the news outlet.", "the news outlet"),
    ],
)
def test_marks_and_appositives_of_real_copy(text: str, mention: str) -> None:
    assert first(text)[0] == mention


def test_a_partial_quote_without_a_reporting_verb_goes_to_the_subject_with_low_confidence() -> None:
    text = "The Harbour Trust released a statement on Monday, offering “a deep and sincere apology” to the families."
    q = next(q for q in extract_quotes(text) if q.kind == "partial")
    assert q.speaker_as_written == "The Harbour Trust"
    named = next(q for q in extract_quotes("“We apologise,” the Harbour Trust said.") if q.kind == "full")
    assert q.confidence < named.confidence


def test_a_new_sentence_after_a_quote_is_not_its_attribution() -> None:
    text = (
        "Filippo Granti, the refugee agency chief, reacted skeptically to the deal, “I am concerned about any "
        "agreement that involves blanket return.” He demands legal safeguards for any mechanism transferring refugees."
    )
    assert first(text) == ("Filippo Granti", "Filippo Granti")


def test_a_cue_that_opens_the_next_quote_is_not_the_previous_ones() -> None:
    text = "Clinton responds to Mills with, “Why now? That was on my way to Lima?” Mills then writes back, “You look cute.”"
    rows = attribution(text)
    assert [r[1] for r in rows] == ["Clinton", "Mills"]


def test_a_split_quote_keeps_its_cue() -> None:
    text = "Anna Kowal, the campaign manager, spoke after polls closed.\n“The vote is close,” she said, “and we will know by midnight.”"
    assert [r[2] for r in attribution(text)] == ["Anna Kowal", "Anna Kowal"]


def test_a_source_named_after_a_dash_before_a_colon() -> None:
    text = "But polls did predict the caucus - Mara Pollock: “While the caucuses provided an upset, most pollsters fared better.”"
    assert first(text)[0] == "Mara Pollock"


def test_a_coordinated_verb_has_its_clauses_subject() -> None:
    text = "Eight years ago, he supported Obama over Clinton and said, “Clinton has never done nothing for us.”"
    assert first(text)[0] == "he"


def test_a_phrase_cut_before_its_object_is_no_speaker() -> None:
    text = "I had to spend the weekend figuring out how to attack a friend without saying, “This is the worst argument I’ve read.”"
    assert first(text)[0] != "a friend without"


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("From the senator’s “nasty effusion” last week to his call for a “deportation force,” Wills described him as a “caricature.”", "Wills"),
        ('Attorneys for the mayor appeared to oppose the effort, saying in court files that the account "was never public."', "Attorneys for the mayor"),
        ('Hundreds of striking teachers marched through the square on Monday, chanting "Books Not Bombs," as they went.', "Hundreds of striking teachers"),
        ('His campaign protested that the aides were being "disingenuous" about it.', "His campaign"),
        ('The region has seen "velvet gloves" in its dealings with Moscow, said Nargis Kassen, an expert at KIMEP University.', "Nargis Kassen"),
        ("Long before city officials started to portray the fire as a “workplace” accident, the scanner was busy.", "city officials"),
        ('Six in 10 voters said that if no candidate wins, the delegates "should vote for the leader."', "Six in 10 voters"),
        ('That is why critics say he had proposed to "dismantle" the law.', "critics"),
        ("The plan faces a vote, an option seen by organizers as a “lifeboat” for the party.", "organizers"),
    ],
)
def test_subjects_of_real_reporting_clauses(text: str, mention: str) -> None:
    assert first(text)[0] == mention


def test_a_title_cased_chant_is_not_a_title() -> None:
    text = 'Marchers crossed the bridge, chanting "Bread Not Bombs," as they went.'
    q = next(q for q in extract_quotes(text) if q.text.startswith("Bread"))
    assert q.kind == "partial"


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Republicans were irritated, with Sen. Ada Roe calling it a “Chinese menu.”", "Sen. Ada Roe"),
        ('Toledo sought the convention to shed what Garber called "a perception problem."', "Garber"),
        ("But as the nationalist Harbor Times tabloid noted in an op-ed Thursday, the candidate \"has surprisingly earned fans.\"", "the nationalist Harbor Times tabloid"),
        ("The Ledger will brand you a liar and KTV News will accuse you of engaging in a “freak out.”", "KTV News"),
        ('Cruz said he would make sand "glow in the dark," for instance, and Trent vowed to "bomb the hell" out of them.', "Cruz"),
        ("In three interviews, the justice sounded off on the candidate, saying she didn't \"want to contemplate\" a loss.", "the justice"),
    ],
)
def test_embedded_and_coordinated_reporting(text: str, mention: str) -> None:
    assert first(text)[0] == mention


def test_a_coordinated_second_speaker_keeps_their_quote() -> None:
    text = 'Cruz said he would make sand "glow in the dark," for instance, and Trent vowed to "bomb the hell" out of them.'
    assert [r[1] for r in attribution(text)] == ["Cruz", "Trent"]


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ('Congresswoman Ada Roe’s office slammed a lawsuit filed by a fired staffer, saying it was "meritless."', "Congresswoman Ada Roe’s office"),
        ('The Not1More campaign on Tuesday released a parody website, saying the plan was "a disgrace."', "The Not1More campaign"),
        ("Judicial Watch stated in a release Tuesday that a declaration by the department “suggests the email was found.”", "Judicial Watch"),
    ],
)
def test_organisations_as_subjects(text: str, mention: str) -> None:
    assert first(text)[0] == mention


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("On its official website, the Coast Guard lists “search and rescue as its first duty.”", "the Coast Guard"),
        ('But Tom Millar, at a consulting firm called Gavekal, argues that as ties deepen, "its influence will grow," too.', "Tom Millar"),
        ("“What sport is he talking about?” reacted Delgado.", "Delgado"),
        ("“Not us but can’t argue with it!” Murphy, the head of the Rise Fund, Tweeted on Friday.", "Murphy"),
        ('"Thanks for welcoming these families," said master of ceremonies Asab Tabchi, an engineer.', "master of ceremonies Asab Tabchi"),
        ("On Monday, Delgado groused to a crowd that the network “doesn’t treat me properly” and left.", "Delgado"),
        ("Bolton distanced himself from the movement by saying he would help if asked.  “I’m going to support him.”", "Bolton"),
        ("Lynch announced on Monday a lawsuit against the state. “We are here to protect everyone.”", "Lynch"),
    ],
)
def test_more_real_news_shapes(text: str, mention: str) -> None:
    assert first(text)[0] == mention


def test_narrative_without_a_reporting_verb_names_nobody() -> None:
    text = "The weather was bad. “We are here to protect everyone.”"
    assert first(text)[0] is None


def test_a_participle_hangs_on_its_own_clause() -> None:
    text = (
        "Shortly after Mora’s conference call ended, Ruiz’s campaign sent out a press release saying "
        "Mora owes “the state an explanation for voting against the funding.”"
    )
    assert first(text)[0] == "Ruiz’s campaign"


def test_state_right_after_a_quote_is_the_verb() -> None:
    text = '"Today, the kingdom leads the fight against terror financing," the Saudis state in the white paper.'
    assert first(text)[0] == "the Saudis"


def test_his_campaign_is_the_campaign_of_the_person_in_focus() -> None:
    text = "Bernard Sand rallied in Iowa on Monday.\n\nHis campaign protested that the aides were being \"disingenuous\" about it."
    q = next(q for q in extract_quotes(text) if q.text == "disingenuous")
    assert (q.speaker_as_written, q.speaker, q.speaker_kind) == ("His campaign", "Bernard Sand campaign", "organisation")


def test_a_kind_of_organisation_then_its_name() -> None:
    assert first('Local news affiliate WKRP 9 reported that the mayor was "furious" about it.')[0] == "Local news affiliate WKRP 9"


def test_the_news_outlet_is_the_outlet_named_before() -> None:
    text = (
        "An intelligence source told Fox News that agents had questioned him. Section 1001 applies "
        "“when individuals make misleading statements,” according to the news outlet."
    )
    q = next(q for q in extract_quotes(text) if q.kind == "partial")
    assert (q.speaker_as_written, q.speaker) == ("the news outlet", "Fox News")


def test_the_group_is_not_the_newspaper_that_covered_it() -> None:
    text = "The Chicago Sun-Times covered the rally. In a statement, the group called the plan \"a fraud.\""
    q = next(q for q in extract_quotes(text) if q.kind == "partial")
    assert q.speaker != "Chicago Sun-Times"


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ('First, the ministry is right. The "90 to 95 percent" figure came from the Ruiz campaign. Nobody counted.', "the Ruiz campaign"),
        ("Based on the statement released by Fox News, it seems Ailes “has spoken to him a few times” about it.", "the statement released by Fox News"),
        ("Amid what the Ledger and the Courier each called a “rough week” for the mayor, polls slipped.", "the Ledger and the Courier"),
    ],
)
def test_sources_named_around_a_partial_quote(text: str, mention: str) -> None:
    assert first(text)[0] == mention


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ('Ana Ruiz testified on Thursday.\nA new PAC ran ads using her comments before a committee that "I was responsible for quite a bit" of it.', "her"),
        ("Ruiz endorsed the deal, although she made it clear that she has “serious concerns” about it.", "she"),
        ('The White House avoided the word, though last week he used stronger language, saying the group "must be destroyed."', "he"),
        ("Podliska’s lawsuit demands his reinstatement. He also seeks “a permanent injunction” against the chairman.", "He"),
    ],
)
def test_pronouns_of_the_clause_holding_the_quote(text: str, mention: str) -> None:
    assert first(text)[0] == mention


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("While Wills acknowledges the mayor’s appeal as a “forceful persona,” he prefers her rival.", "Wills"),
        ('The ministry\'s reviewers had said most files were just "confidential," a lower level.', "The ministry's reviewers"),
        ("The town released a statement Wednesday saying the comments “are based on opinion, not facts,” and left it there.", "The town"),
    ],
)
def test_subjects_named_in_the_clause(text: str, mention: str) -> None:
    assert first(text)[0] == mention


def test_a_person_of_an_organisation_is_the_person() -> None:
    text = "“We found three more,” said Budi Santo of the National Search and Rescue Agency."
    q = extract_quotes(text)[0]
    assert (q.speaker, q.affiliation) == ("Budi Santo", "National Search and Rescue Agency")


def test_a_document_obtained_by_an_outlet_is_the_documents_not_the_outlets() -> None:
    q = extract_quotes("A June 5 email obtained by the Ledger said the repairs were “not urgent.”")[0]
    assert q.speaker == "June 5 email" and q.speaker_kind == "description"


def test_a_doubled_single_mark_closes_a_double_quote() -> None:
    (q,) = extract_quotes("“The boat was full’’ Santos said.")
    assert (q.text, q.speaker) == ("The boat was full", "Santos")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("By Maria Keane, Staff Writer\n\nSURABAYA — Rescuers worked late. “We found three more,” said Budi Santo.", "Budi Santo"),
        ("Photo: Getty Images\n“It was terrible,” a survivor said. Article continued below.", "survivor"),
        ("Editor's note: This story has been updated.\n“Nobody told us,” Ottawa's Jane Roe said.", "Jane Roe"),
        ("Previously, the ministry had said the ferry was “fully certified.”", "ministry"),
        ("Speaking at a news conference, Santo added: “The weather was the problem.”", "Santo"),
    ],
)
def test_junk_is_never_taken_for_a_name(text: str, speaker: str) -> None:
    q = next(q for q in extract_quotes(text) if q.kind in ("full", "partial"))
    assert q.speaker == speaker


@pytest.mark.parametrize(
    ("text", "mention", "speaker"),
    [
        ("“The malware spread through a fake update,” said Jane Roe with ESET.", "Jane Roe with ESET", "Jane Roe"),
        ("“We have no comment,” a senior official said.", "a senior official", "senior official"),
        ("“Once upon a time,” the narrator says in the ad.", "the narrator", "narrator"),
        ("“The agreement is final,” Jane Roe told Reuters.", "Jane Roe", "Jane Roe"),
        ("University political scientist Jane Roe said the vote was “a warning.”", "University political scientist Jane Roe", "Jane Roe"),
    ],
)
def test_the_categories_named_in_the_issue(text: str, mention: str, speaker: str) -> None:
    assert first(text) == (mention, speaker)


def test_a_lower_case_word_after_a_closing_mark_continues_the_quotes_sentence() -> None:
    text = (
        "City officials met on Monday.\n\n"
        "“Will the council finally fund the ferry? If it doesn't, it should step down!” the harbour "
        "commissioner, Maren Ostby, tweeted Sunday after a storm cut the island off from the mainland for three days."
    )
    assert first(text) == ("Maren Ostby", "Maren Ostby")


def test_a_sentence_opened_by_a_conjunction_has_its_own_subject() -> None:
    text = "The debate went on.\n\nAnd then Ostby went fully on the attack, saying, “Is the council going to fund the ferry at all?”"
    assert first(text) == ("Ostby", "Ostby")


def test_an_auxiliary_opening_a_question_is_no_given_name() -> None:
    text = (
        "Round two. Will Okafor back down on the budget?\n\n"
        "After Tuesday, Chidi Okafor's chances are slim.\n\nOkafor seemed torn on Tuesday night.\n\n"
        "He vowed to “fight on to the end.”"
    )
    assert [s for _, _, s in attribution(text)] == ["Chidi Okafor"]


def test_a_modifier_before_a_surname_is_no_given_name() -> None:
    text = (
        "Top Okafor aides said little. And Okafor, to his credit, kept calm.\n\n"
        "Chidi Okafor spoke on Tuesday. He said the plan was “not negotiable.”"
    )
    assert [s for _, _, s in attribution(text)] == ["Chidi Okafor"]


def test_a_role_no_one_holds_is_the_person_this_paragraph_names() -> None:
    text = (
        "“It was insulting,” said Pieter Vos, a donor.\n\n"
        "More troubling was Daniel Okafor’s refusal to name a date. Instead, the businessman has said "
        "his hand is stronger if he waits. “I want to see the numbers first” before deciding, he said."
    )
    assert attribution(text)[-1][2] == "Daniel Okafor"


def test_a_clause_of_time_after_the_cue_still_ends_the_attribution() -> None:
    text = (
        "Rosa Delgado runs the bakery on Main Street.\n\n"
        "“Who is going to buy bread at midnight?” Delgado asks as a delivery driver walks in with a tray of rolls."
    )
    assert first(text) == ("Delgado", "Rosa Delgado")


def test_a_sentence_naming_where_a_quote_came_from_credits_it() -> None:
    text = "“Markets reward patience more than genius.” That quote from Harold Vance, then the state banking regulator, appeared in a 1987 pamphlet."
    assert first(text) == ("Harold Vance", "Harold Vance")


def test_a_person_saying_something_of_their_own_is_no_cue_for_the_quote_before() -> None:
    text = (
        "Mayor Ellen Park spoke first. “We are going to rebuild the bridge this year,” Park said. "
        "“This city deserves it.” Gov. Tom Reyes said he would have vetoed the funding bill if it had reached his desk last spring."
    )
    assert [s for _, _, s in attribution(text)] == ["Ellen Park", "Ellen Park"]


def test_a_verb_inside_a_parenthesis_has_its_subject_there() -> None:
    text = "The memoir (Okafor, who fled the country in 1979, once said “exile teaches you what home was”) sold well."
    assert first(text) == ("Okafor", "Okafor")


def test_an_appositive_with_a_relative_clause_is_walked_over_to_the_name() -> None:
    text = (
        "Dana Whitcombe, a Democratic pollster who is working with Harbor Action, a pro-Reyes super PAC, "
        "said the primaries have made her look “strong, smart and resilient” to voters."
    )
    assert first(text) == ("Dana Whitcombe", "Dana Whitcombe")


def test_a_description_with_a_relative_clause_is_the_subject_itself() -> None:
    text = "A Democratic pollster who is working with Harbor Action, a pro-Reyes super PAC, said the race was “over.”"
    assert first(text)[0] == "A Democratic pollster"


def test_a_question_put_by_a_moderator_is_the_moderators() -> None:
    text = (
        "Senator Tom Ilves faced the panel on Tuesday.\n\n"
        "Ilves was asked by Harbor News moderator Clara Yun whether his plan, which the Budget Office "
        "estimates would cost $40 billion, would risk “adding another entitlement program.”\n\n"
        "The Ohio senator’s answer was that “the family comes first,” and he moved on."
    )
    rows = attribution(text)
    assert (rows[0][1], rows[0][2]) == ("Harbor News moderator Clara Yun", "Clara Yun")
    assert rows[1][2] == "Tom Ilves"


def test_a_question_put_by_no_one_named_is_not_the_askeds() -> None:
    text = "Tom Ilves spoke on Tuesday.\n\nIlves was asked whether the plan would be “huge for families.”"
    assert first(text) == (None, None)
    said = "Tom Ilves spoke on Tuesday.\n\nIlves was asked about the plan and said it would be “huge for families.”"
    assert first(said)[1] == "Tom Ilves"


def test_the_name_right_before_a_participle_says_it() -> None:
    assert first("What do you think of Okafor privately saying “pray for him” in response?") == ("Okafor", "Okafor")
    assert first("The clip shows Delgado repeatedly saying “we will win this” to the crowd.") == ("Delgado", "Delgado")
    # inside someone's report, the report's speaker keeps it
    text = "Ann Roe said Delgado's tweet saying voters would come back meant that “the streets are safer.”"
    assert first(text) == ("Ann Roe", "Ann Roe")
