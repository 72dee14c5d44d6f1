"""An episode: what the person has reported over several messages, graded together. Pure Python:
no Rasa, no spaCy.

Each message's own assessment is kept in the conversation with what the message says about the
conversation (a `TurnPayload`). Grading a new message replays the episode's turns in order:
- findings from every turn count together, under the same combination rules as in one message
  (a temperature in one message and a stiff neck in the next);
- a reading that is corrected or taken again replaces the earlier readings, and the learned
  detector's guesses from the messages that gave them; otherwise the highest reading counts (a high
  temperature that has come down still counts);
- a correction takes back the findings it denies or gives to someone who does not take the
  medicine; a correction that names nothing is asked about, unless one message reported one thing
  (not an emergency, a temperature or a dose) and the extractor is sure the correction says it was
  not real ("it's felt tip, it came straight off");
- a second dose reported in the episode is a double dose;
- tablets counted all there take back the latest report of a child swallowing one, only when the
  count leaves no doubt (bot/detect/conversation.py) and nothing else was told with either; a later
  message that doubts the count or reports anything brings it back;
- "it's gone" or "I'm fine now" ends the episode (the reference: a past episode that has resolved
  does not raise the level; the reply still names the emergency signs), and so does "start over";
  "that was back in March" ends the latest report.
A message that adds nothing to an episode (a question, small talk) is graded alone, so an earlier
symptom never raises the level of an unrelated answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TypedDict

from bot.triage.engine import Assessment, AssessmentPayload, EpisodePayload, Reason, TriageEngine, rank
from bot.triage.lexicon import LEVELS, Lexicon, highest

DOUBLE_DOSE = "overdose"  # the finding a second dose in one episode is
DOSE_ROW = "overdose_no_symptoms"  # an adult's extra dose: a count of the tablets never takes it back


class TurnPayload(TypedDict):
    """One message's part in an episode, as the conversation keeps it."""

    assessment: AssessmentPayload  # the message's own findings (details read with the message before)
    learned: list[str]  # findings only the learned detector saw
    set_aside: list[str]  # findings the message says are over, explained or someone else's
    correction: bool
    remeasured: bool
    ended: bool
    ended_all: bool  # the whole episode is over ("I'm fine now"), not only the findings it names
    ended_it: bool  # what is over is "it" or unnamed ("ok it went!!"), not something else named
    masked: bool  # names a medicine that can hide a fever (paracetamol)
    start_over: bool
    take_back_last: bool
    dose_taken: bool
    dose_repeat: bool  # the dose is another one ("again", "already")
    question: bool  # only asks: a crisis reply is not carried over to it
    small_talk: bool  # thanks, a greeting, a FAQ question: not a report
    reading_c: float | None  # a bare number read as a temperature because of the conversation
    topics: list[str]  # rows of the triage table a correction names by a word ("the reading")
    not_on_it: bool  # a correction: the person it was about does not take the medicine
    someone_else: bool  # ...and the writer, who does, is well or was not the one: the latest report was theirs
    replaces: bool  # a correction whose findings replace the latest report's ("I said back, not neck")
    adds: bool  # a correction that adds to what was said rather than replacing it
    takes_back_all: bool  # "wrong chat", "false alarm": nothing reported so far was real
    dated: bool  # the latest report was long ago and is over ("that was back in March, fine since")
    softens: bool  # a correction that only softens what was said ("I was being dramatic, not unbearable")
    words: dict[str, list[str]]  # finding -> the words this message reported it in ("sore", "throat")
    names: list[str]  # earlier findings this message names by those words ("her throat's fine again")
    writers: list[str]  # giving a report away, findings said of the writer ("I'm fine apart from a lump")
    theirs: list[str]  # ...and those said of the person given the report, and nobody else ("he has a cold")
    left_behind: list[str]  # an ending's own findings, what is left ("it's stopped, still a bit queasy")
    withdraws_reading: bool  # says the reading before was wrong ("typo", "misread", "not 38.4") or not theirs
    # A correction the follow-up classifier is sure takes back what was reported, about nothing that
    # counts whoever it is about (an infection contact, a dose, a child's swallowing, self-harm).
    sure_take_back: bool
    history: list[str]  # denied as the person's history ("never had chickenpox myself"), not a take-back
    counted: list[str]  # rows taken back by tablets counted all there (a child's swallowing)
    count_doubted: bool  # a message that may say the count was wrong ("recounted, only 27", "one is missing")


def turn_payload(assessment: Assessment, **cues: object) -> TurnPayload:
    """A turn with no conversation cues unless given (tests and the component both build them)."""
    turn: TurnPayload = {
        "assessment": assessment.as_payload(),
        "learned": [],
        "set_aside": [],
        "correction": False,
        "remeasured": False,
        "ended": False,
        "ended_all": False,
        "ended_it": False,
        "masked": False,
        "start_over": False,
        "take_back_last": False,
        "dose_taken": False,
        "dose_repeat": False,
        "question": False,
        "small_talk": False,
        "reading_c": None,
        "topics": [],
        "not_on_it": False,
        "someone_else": False,
        "replaces": False,
        "adds": False,
        "takes_back_all": False,
        "dated": False,
        "softens": False,
        "words": {},
        "names": [],
        "writers": [],
        "theirs": [],
        "left_behind": [],
        "withdraws_reading": False,
        "sure_take_back": False,
        "history": [],
        "counted": [],
        "count_doubted": False,
    }
    turn.update(cues)  # type: ignore[typeddict-item]
    return turn


@dataclass
class _Active:
    code: str
    reason: Reason | None  # None: a finding that grades nothing alone (it counts in combinations)
    turn: int  # the first message that reported it
    learned: bool = False
    reading: float | None = None  # the measured temperature it rests on
    turns: set[int] = field(default_factory=set)  # every message that reported it

    def __post_init__(self) -> None:
        self.turns.add(self.turn)


@dataclass
class Episode:
    assessment: Assessment | None  # None: the message is graded alone


def _is_emergency(finding: _Active) -> bool:
    return finding.reason is not None and finding.reason.level == "emergency"


def grade_episode(previous: Sequence[TurnPayload], current: TurnPayload, engine: TriageEngine) -> Episode:
    lexicon = engine.lexicon
    temperature_codes = lexicon.temperature_findings | lexicon.temperature_learned
    active: dict[str, _Active] = {}
    turns = [*previous, current]
    doses = 0
    had_findings = False
    level_before: str | None = None
    earlier_dose = False
    retracted: list[str] = []
    softened: list[str] = []
    over: list[str] = []
    ask = ended = was_emergency = contributes = restarted = stands = recounted = False
    taken_by_count: list[_Active] = []  # what a count took back, until a later message doubts it
    rechecking = False  # the message before said it would take the reading again ("hang on, rechecking")
    masked_before = False  # an earlier message named a fever-lowering medicine taken
    for index, turn in enumerate(turns):
        last = index == len(turns) - 1
        own = Assessment.from_payload(turn["assessment"])
        if last:
            had_findings = bool(active or taken_by_count)
            level_before = _level(active, engine)
            earlier_dose = doses > 0
        # "I'm fine now" never ends a crisis statement or what cannot be undone (a dose taken, a child
        # who swallowed a tablet); only a denial takes back a crisis statement.
        persisting = _persisting(active, lexicon)
        crisis = {c for c in active if lexicon.finding(c).crisis}
        if turn["start_over"]:
            # What the same message reports starts the next episode; a crisis statement stays.
            clearing = [c for c in active if c not in crisis]
            ended = ended or (last and bool(clearing))
            if last:
                over = _labels({c: active[c] for c in clearing}, lexicon)
                restarted = bool(clearing)
            for code in clearing:
                active.pop(code)
            doses = 0
            taken_by_count = []
        learned = set(turn["learned"])
        # When the medicine was started is a fact however it is put ("should have mentioned she only
        # began it ten days ago"): a dated finding counts when mentioned, unless denied.
        stated = [c for c in own.mentioned if lexicon.finding(c).dated]
        own_codes = _unique([*own.findings, *own.context_only, *stated])
        # Words the patterns read (the learned detector's guesses only ever add).
        reported = [c for c in own_codes if c not in learned]
        reading = own.temperature_c if own.temperature_c is not None else turn["reading_c"]
        removed: list[str] = []
        # Paracetamol taken in this message or an earlier one of the episode hides a fever.
        hidden = turn["masked"] or masked_before
        if rechecking and reading is not None and not (turn["correction"] or turn["remeasured"] or hidden):
            # "hang on, rechecking" ... "it's 36.1": the reading taken again replaces the ones before
            # (not after paracetamol, which hides a fever: the highest still counts).
            removed += [c for c, a in active.items() if a.reading is not None or c in temperature_codes]
        rechecking = (turn["correction"] or turn["remeasured"]) and reading is None and not own_codes
        if turn["correction"] or turn["remeasured"]:
            # After paracetamol a lower reading does not show the fever has gone (the reference: it
            # masks a fever), unless the message says the reading before was wrong or not theirs.
            if reading is not None and not (hidden and not turn.get("withdraws_reading")):
                # A reading corrected or taken again replaces the readings before it, and the learned
                # detector's guesses about a temperature.
                removed += [c for c, a in active.items() if a.reading is not None or c in temperature_codes]
            # Named: denied, given a cause or to someone else, or named by a word ("that reading was
            # my son's"): that row. An emergency sign only by its own denial, or as the learned
            # detector's guess from the same mistaken words: "my lips aren't swollen" takes back the
            # swollen lips, not the tight throat of the same row.
            # A reading denied beside the new one ("typo, 39.8 not 38.9") names the reading, which the
            # new one replaces, not its row: the shivering told with it stands.
            # A denial of immunity is no denial of the contact ("I have never had chickenpox myself").
            history = set(turn.get("history", ()))
            denied = [c for c in own.negated if c not in history]
            named_rows = {
                lexicon.finding(c).row
                for c in (*denied, *turn["set_aside"])
                if reading is None or c not in temperature_codes
            }
            if reading is None:
                named_rows |= set(turn["topics"])
            removed += [
                c
                for c in active
                if c not in removed
                and lexicon.finding(c).row in named_rows
                and (c in denied or active[c].learned or not _is_emergency(active[c]))
            ]
            if turn["not_on_it"] and active and (not removed or (turn.get("someone_else") and not turn["topics"])):
                # Given to someone else who does not take it, by a writer who is well: all of the latest
                # report, unless the correction names what by a word ("the temp is my son's, not me.
                # Still the throat though"); never what counts whoever it is about (a child who
                # swallowed a tablet, an extra dose, an infection contact).
                removed += [
                    c
                    for c in _latest_report(active)
                    if c not in removed and not (turn.get("someone_else") and c in _persisting(active, lexicon))
                ]
            if turn["replaces"] and reported and active and not removed and not turn["adds"]:
                # "I said stiff back, not neck": the new findings replace those of the latest report
                # that the correction names ("wrong word, not small: very strong, worst of my life"
                # names nothing, so the headache stands).
                latest = [c for c in _latest_report(active) if c not in own_codes]
                replaced = [c for c in latest if c in set(turn.get("names") or ())]
                if replaced:
                    # The learned detector's guesses were read from the same mistaken words.
                    replaced += [c for c in latest if active[c].learned and c not in replaced]
                removed += replaced
        counted = set(turn.get("counted", ()))
        if taken_by_count and (own_codes or turn.get("count_doubted")):
            # After a count took a child's swallowing back, a message that reports anything at all or
            # may say the count was wrong ("recounted, only 27", "she's very drowsy now") brings it back.
            for entry in taken_by_count:
                _add(active, replace(entry, turns=set(entry.turns)))
            taken_by_count = []
            contributes = contributes or last
        if (
            counted
            and active
            # Not when the count's message reports anything of its own ("all there, but now she's
            # vomiting"; the learned detector's guess of a child and tablets is the count's own
            # words), nor in an episode with an adult's extra dose or a crisis statement.
            and not [c for c in own_codes if not (c in learned and lexicon.finding(c).row in counted)]
            and not any(lexicon.finding(c).row == DOSE_ROW for c in active)
            and not crisis
        ):
            # "Counted the strip, all 28 are there": the latest report of a child swallowing a tablet
            # did not happen. Taking a tablet is never ended by "she's fine now", but a count says it
            # did not happen (tablets found out of the pack, "must have", a child counting: no count).
            counted_codes = [c for c in active if c not in removed and lexicon.finding(c).row in counted]
            newest = max((max(active[c].turns) for c in counted_codes), default=-1)
            uncounted = [c for c in counted_codes if newest in active[c].turns]
            # Nor when anything else was told with the report or since ("swallowed one, she keeps
            # being sick", "she's being sick now" ... "counted, all there"): the child may have
            # swallowed something all the same.
            if uncounted and not any(max(a.turns) >= newest for c, a in active.items() if c not in uncounted):
                removed += uncounted
                taken_by_count = [active[c] for c in uncounted]
                recounted = recounted or last
                own_codes = []
        if turn["takes_back_all"] and active and not reported:
            removed += [c for c in active if c not in removed]
        if turn["take_back_last"] and active:
            removed += [c for c in _latest_report(active) if c not in removed]
        # Nothing takes back a crisis statement: showing the crisis line again costs little.
        removed = [c for c in removed if c not in crisis]
        if turn["correction"] and active and not removed and reading is None and not turn.get("dated"):
            # "Unbearable" ... "I'm being dramatic, it's not unbearable": what the strong words made
            # more urgent comes down one step, never below the finding's own level; the signs
            # themselves stand ("I was panicking, it lasted three minutes": still a fit).
            before = _level(active, engine)
            if turn.get("softens") and len(_report_turns(active)) == 1:
                lowered = False
                for entry in active.values():
                    base = lexicon.finding(entry.code).level
                    if entry.reason is not None and base and rank(entry.reason.level) > rank(base):
                        lower = max(rank(entry.reason.level) - 1, rank(base))
                        entry.reason = replace(entry.reason, level=LEVELS[lower])
                        lowered = True
                        if last:
                            softened.append(entry.reason.label)
                contributes = contributes or (last and lowered)
                was_emergency = was_emergency or (last and lowered and before == "emergency")
            # Only denying immunity ("I have never had chickenpox myself") is not a correction to ask
            # about: it says the contact matters, so the advice is given again.
            history_only = bool(own.negated) and set(own.negated) <= history
            contributes = contributes or (last and history_only)
            if (
                turn.get("sure_take_back")
                and not own_codes
                and not turn["adds"]
                and not turn.get("softens")
                and not persisting
                and before != "emergency"
                and len(_report_turns(active)) == 1
                and len(_rows(set(active), lexicon)) == 1
                and not set(active) & temperature_codes
            ):
                # "It's felt tip, it came off with a wipe": one message reported one thing so far, and
                # the cue words and the follow-up classifier both read this one as taking it back, so
                # there is no part to ask about (as "it went away" can only end the one thing reported).
                # Not "a new rash, started aza 2/52 ago" ... "Correction: 2 years, not 2/52": two things.
                # Nor a temperature: "temp 39.2" ... "typo" may be a typo of 38.2; the reading is asked for.
                # Never an emergency (only its own denial takes one back), a dose or a crisis statement.
                removed += [c for c in active if c not in crisis]
            elif _level(active, engine) == before and not own_codes and not history_only:
                # "scratch that": which part? Asked, never guessed, and only when there is advice to change.
                ask = ask or (last and _level(active, engine) is not None)
        # Advice taken back from an emergency still names the emergency signs (the reply's way out).
        was_emergency = was_emergency or (last and bool(removed) and _level(active, engine) == "emergency")
        for code in removed:
            gone = active.pop(code)
            if last:
                retracted.append(gone.reason.label if gone.reason else lexicon.finding(code).label)
        ending: list[str] = []
        if turn.get("dated") and active and not removed:
            # "That was back in March": the latest report was of a past episode, which does not raise
            # the level (the reference). Dated months back, a dose or a child's swallowing is over too;
            # a crisis statement stays.
            ending = [c for c in _latest_report(active) if c not in crisis]
        # What an ending names is the finding that is over, not a new report of it ("the shivers have
        # stopped" reads as shivers).
        named_over = set(turn.get("names") or ()) if turn["ended"] else set()
        reported = [c for c in reported if c not in named_over or c not in active]
        # What an ending says is left ("it's stopped, still a bit queasy") is a report of its own.
        left = set(turn.get("left_behind") or ())
        if turn["ended"] and not turn["correction"] and active and not set(reported) - left and not removed:
            # The reference: a past episode that has resolved does not raise the level. Its learned
            # guesses are about what is over. What "I'm fine now" cannot undo stays. "The stomach
            # ache has settled" ends the stomach ache only; "I'm fine now" ends the episode.
            # With one thing reported so far, "it went away" can only be about that.
            open_rows = _rows({c for c in active if c not in persisting}, lexicon)
            over_rows = _rows(set(turn["set_aside"]), lexicon) & open_rows
            # Or named by the words an earlier message reported it in ("a really sore throat" ... "her
            # throat's been fine for five days"): that finding only.
            # Never an emergency: a shared word is too little to end one ("my temperature has dropped"
            # after "my face has dropped").
            over_codes = set(turn.get("names") or ()) & set(active) if _level(active, engine) != "emergency" else set()
            one_thing = len(open_rows) == 1
            if not over_rows and not over_codes and (turn["ended_all"] or (one_thing and turn["ended_it"])):
                over_rows = open_rows
            if hidden:
                # "it went away after paracetamol": paracetamol hides a fever, which still counts, when
                # it was taken earlier in the episode too ("gave him tylenol" ... "the fever has gone").
                over_rows -= _rows(temperature_codes & set(active), lexicon)
                over_codes -= temperature_codes
            ending += [
                c
                for c in active
                if c not in persisting and c not in ending and (lexicon.finding(c).row in over_rows or c in over_codes)
            ]
            stands = stands or (last and bool(persisting) and turn["ended_all"])
            own_codes = reported
        elif turn["ended"] and turn["correction"] and active and _level(active, engine) != "emergency":
            # A correction that also says a finding it names is over ("it's 38.3 not 40.1, the shaking
            # has stopped"): that finding ends, as the same words would end it without the correction.
            ending += [c for c in active if c in named_over and c not in persisting and c not in ending]
            own_codes = [c for c in own_codes if c not in named_over]
        if ending:
            was_emergency = was_emergency or (last and _level(active, engine) == "emergency")
            if last:
                over = _labels({c: active[c] for c in ending}, lexicon)
            for code in ending:
                active.pop(code)
            doses = 0
            ended = ended or last
        if removed and (turn["correction"] or turn["remeasured"]):
            # The learned detector reads the correction's words about what it takes back ("no excess
            # taken" is about the dose): no guess of a row the correction took something back from.
            gone_rows = {lexicon.finding(c).row for c in removed}
            own_codes = [c for c in own_codes if not (c in learned and lexicon.finding(c).row in gone_rows)]
            if turn.get("someone_else"):
                # "It's Dad with the sore throat, not Mum": what it names again is what it gives away
                # (unless said of the writer: "and mine is 38.9"), and what it tells of that person and
                # nobody else is theirs too ("the 38.4 is my husband's, he has a cold").
                own_codes = [
                    c
                    for c in own_codes
                    if not ((c in removed and c not in turn.get("writers", ())) or c in turn.get("theirs", ()))
                ]
        by_code = {r.code: r for r in own.reasons}
        for code in own_codes:
            measured = own.temperature_c if code in lexicon.temperature_findings else None
            _add(active, _Active(code, by_code.get(code), index, code in learned, measured))
        band = lexicon.temperature_finding(turn["reading_c"]) if turn["reading_c"] is not None else None
        if own.temperature_c is None and band is not None:
            finding = lexicon.finding(band)
            label = f"{finding.label} ({turn['reading_c']:.1f}°C)"
            reason = Reason(band, label, finding.level or "routine", finding.why, finding.source, finding.advice)
            _add(active, _Active(band, reason, index, reading=turn["reading_c"]))
            contributes = contributes or last
        if turn["dose_taken"]:
            doses += 1
            if doses >= 2 and turn["dose_repeat"] and DOUBLE_DOSE not in active:
                finding = lexicon.finding(DOUBLE_DOSE)
                reason = Reason(
                    DOUBLE_DOSE, finding.label, finding.level or "urgent", finding.why, finding.source, finding.advice
                )
                _add(active, _Active(DOUBLE_DOSE, reason, index))
                contributes = contributes or last
        contributes = contributes or (last and bool(own_codes or removed))
        # After a crisis statement, whatever else the person says (but thanks or hello) gets the crisis
        # reply again: "nobody would miss me" or "can you help?" may use no word the detectors know.
        contributes = contributes or (last and bool(crisis) and not turn["small_talk"])
        masked_before = masked_before or turn["masked"]
    # "Took paracetamol, it's 37.1 now": the fever still counts, and the reply says why.
    current_own = Assessment.from_payload(current["assessment"])
    now = current_own.temperature_c if current_own.temperature_c is not None else current["reading_c"]
    standing = [a.reading for c, a in active.items() if c in temperature_codes and a.reading is not None]
    # A lower reading than one that still counts, or an ending (masked_before now includes this
    # message); not when this reading replaced the last ("typo, 38.4 not 39.4").
    lower = now is not None and bool(standing) and now < max(standing)
    masked = (
        _labels({c: a for c, a in active.items() if c in temperature_codes}, lexicon)
        if masked_before and (lower or current["ended"]) and not current.get("withdraws_reading")
        else []
    )
    if not (had_findings or earlier_dose) or not (contributes or ask or ended or stands or masked):
        return Episode(None)
    reasons = [a.reason for a in active.values() if a.reason is not None]
    reasons += engine.combination_reasons(set(active))
    level = highest(r.level for r in reasons)
    revised = bool(retracted or ended or ask or softened)
    codes = [a.code for a in sorted(active.values(), key=lambda a: a.turn)]
    episode: EpisodePayload = {
        "messages": len(_report_turns(active)),
        "retracted": retracted,
        "ended": ended,
        "over": over,
        "start_over": restarted,
        "ask": ask,
        "was_emergency": was_emergency,
        "still_stands": _labels({c: active[c] for c in _persisting(active, lexicon)}, lexicon) if stands else [],
        "softened": softened,
        "masked": masked,
        "changed": bool(retracted or ended) or level != level_before,
        "counted": recounted,
    }
    readings = [a.reading for a in active.values() if a.reading is not None]
    assessment = replace(
        current_own,
        level=level or ("routine" if revised else None),
        findings=codes if level else [],
        reasons=sorted(reasons, key=lambda r: -rank(r.level)),
        context_only=[c for c in codes if lexicon.finding(c).level is None],
        temperature_c=max(readings) if readings else None,
        crisis=bool(lexicon.crisis_findings & set(active)),
        episode=episode,
    )
    return Episode(assessment)


def _add(active: dict[str, _Active], entry: _Active) -> None:
    """The more urgent of an earlier and a new finding of the same code (a new one replaces a
    context-only one); either way it remembers every message that reported it."""
    old = active.get(entry.code)
    if old is not None:
        entry.turns |= old.turns
    if old is None or old.reason is None:
        active[entry.code] = entry
        return
    if entry.reason is not None and rank(entry.reason.level) > rank(old.reason.level):
        active[entry.code] = entry
    else:
        old.turns |= entry.turns


def _latest_report(active: dict[str, _Active]) -> list[str]:
    """The findings of the latest message that reported any (however many messages reported them)."""
    latest = max(max(a.turns) for a in active.values())
    return [c for c, a in active.items() if latest in a.turns]


def _report_turns(active: dict[str, _Active]) -> set[int]:
    """Every message that reported one of the findings still standing."""
    return set().union(*(a.turns for a in active.values()))


def _persisting(active: dict[str, _Active], lexicon: Lexicon) -> set[str]:
    return {c for c in active if lexicon.finding(c).crisis or lexicon.finding(c).persists}


def _rows(codes: set[str] | frozenset[str], lexicon: Lexicon) -> set[str]:
    return {lexicon.finding(c).row for c in codes}


def _labels(active: dict[str, _Active], lexicon: Lexicon) -> list[str]:
    return [a.reason.label if a.reason else lexicon.finding(a.code).label for a in active.values() if a.reason]


def _unique(codes: list[str]) -> list[str]:
    return list(dict.fromkeys(codes))


def _level(active: dict[str, _Active], engine: TriageEngine) -> str | None:
    reasons = [a.reason for a in active.values() if a.reason is not None]
    return highest([r.level for r in reasons] + [r.level for r in engine.combination_reasons(set(active))])
