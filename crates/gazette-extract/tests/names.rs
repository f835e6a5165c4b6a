//! Names no gazetteer knows: each cue and the surname coreference, through
//! one `check` helper. The gazetteer here holds one place only.

use gazette_extract::{Article, EntityRef, Pipeline};

const GAZ: &str = "id\tkind\tname\taliases\tcountry\tsector\troles
city:houston\tGPE\tHouston\t\tUSA\t\t
city:chicago\tGPE\tChicago\t\tUSA\t\t
org:kremlin\tORG\tKremlin\t\tRUS\tGOV\t
";

/// Mentions as `surface=id/KIND/how`, in text order.
fn check(text: &str, expect: &[&str]) {
    let p = Pipeline::builder().no_default_gazetteer().add_gazetteer("t.tsv", GAZ).build().unwrap();
    let x = p.process(&Article { id: "t".into(), text: text.into(), ..Default::default() }).unwrap();
    let got: Vec<String> = x
        .mentions
        .iter()
        .map(|m| {
            let id = match m.entity {
                EntityRef::Gazetteer(e) => p.gazetteer().entities()[e].id.clone(),
                EntityRef::New(n) => x.new_entities[n].id.clone(),
            };
            let kind = serde_json::to_value(m.kind).unwrap();
            let how = serde_json::to_value(m.how).unwrap();
            format!("{}={id}/{}/{}", m.span.text(text), kind.as_str().unwrap(), how.as_str().unwrap())
        })
        .collect();
    assert_eq!(got, expect, "text: {text:?}");
}

#[test]
fn title_before_a_name() {
    check("They met President Ilham Aliyev on Monday.", &["Ilham Aliyev=new:ilham-aliyev/PERSON/pattern"]);
    check("Prime Minister Ana Brnabic spoke.", &["Ana Brnabic=new:ana-brnabic/PERSON/pattern"]);
}

#[test]
fn role_before_a_name_and_the_surname_later() {
    check(
        "The aide said adviser Yuri Ushakov would travel. Ushakov declined to comment.",
        &["Yuri Ushakov=new:yuri-ushakov/PERSON/pattern", "Ushakov=new:yuri-ushakov/PERSON/coref"],
    );
}

#[test]
fn known_given_name_first() {
    check("Talks were led by Sarah Whitfield and others.", &["Sarah Whitfield=new:sarah-whitfield/PERSON/pattern"]);
}

#[test]
fn initial_and_surname() {
    check("Runs came from M. Butcher late on.", &["M. Butcher=new:m-butcher/PERSON/pattern"]);
}

#[test]
fn speech_verb_after_a_name() {
    check("On Monday Nadia Okonjo said the plan was sound.", &["Nadia Okonjo=new:nadia-okonjo/PERSON/pattern"]);
}

#[test]
fn organisation_and_place_words_last() {
    check(
        "The deal went to Harlow Shipping Company and the Ravel Bridge.",
        &[
            "Harlow Shipping Company=new:harlow-shipping-company/ORG/pattern",
            "Ravel Bridge=new:ravel-bridge/LOC/pattern",
        ],
    );
}

#[test]
fn no_cue_no_name() {
    // A capitalised run with no cue is left alone; function words and
    // weekdays are never part of a name.
    check("The Dravik Ostrel case opened on Monday.", &[]);
    check("The Grand Council met.", &["Grand Council=new:grand-council/ORG/pattern"]);
    check("Will the talks resume?", &[]);
}

#[test]
fn places_in_results_lines_are_teams() {
    check("Chicago 4 HOUSTON 3", &["Chicago=new:chicago/ORG/pattern", "HOUSTON=new:houston/ORG/pattern"]);
    check("Rain fell in Chicago on Monday.", &["Chicago=city:chicago/GPE/gazetteer"]);
}

#[test]
fn acronyms_defined_in_the_text() {
    // A name found by a pattern, then its acronym.
    check(
        "The Velmar Norland Port Board (VNPB) said VNPB would appeal.",
        &[
            "Velmar Norland Port Board=new:velmar-norland-port-board/ORG/pattern",
            "VNPB=new:velmar-norland-port-board/ORG/coref",
            "VNPB=new:velmar-norland-port-board/ORG/coref",
        ],
    );
    // A name nothing else found: the capitalised words whose initials the
    // acronym spells.
    check(
        "The Harbour Oversight Panel of Norland (HOPN) met. HOPN then adjourned.",
        &[
            "Harbour Oversight Panel of Norland=new:harbour-oversight-panel-of-norland/ORG/pattern",
            "HOPN=new:harbour-oversight-panel-of-norland/ORG/coref",
            "HOPN=new:harbour-oversight-panel-of-norland/ORG/coref",
        ],
    );
    // Letters that are not the initials define nothing.
    check(
        "The Velmar Norland Port Board (XYZ) met. XYZ left.",
        &["Velmar Norland Port Board=new:velmar-norland-port-board/ORG/pattern"],
    );
}

/// The parentheses are found from the text's `(` bytes: one at either end
/// of the text, one inside a longer token, a `(` with no `)` two tokens on,
/// and two definitions in one text.
#[test]
fn acronym_parentheses_anywhere_in_the_text() {
    check("(VNPB) opens the text.", &[]);
    check(
        "Ends with the Velmar Norland Port Board (",
        &["Velmar Norland Port Board=new:velmar-norland-port-board/ORG/pattern"],
    );
    check(
        "Ends with the Velmar Norland Port Board (VNPB",
        &["Velmar Norland Port Board=new:velmar-norland-port-board/ORG/pattern"],
    );
    check(
        "See http://x.org/a(VNPB) and the Harbour Oversight Board (HOB) (( then the Norland Port Board (NPB). NPB and HOB met.",
        &[
            "Harbour Oversight Board=new:harbour-oversight-board/ORG/pattern",
            "HOB=new:harbour-oversight-board/ORG/coref",
            "Norland Port Board=new:norland-port-board/ORG/pattern",
            "NPB=new:norland-port-board/ORG/coref",
            "NPB=new:norland-port-board/ORG/coref",
            "HOB=new:harbour-oversight-board/ORG/coref",
        ],
    );
}

#[test]
fn place_cues() {
    check("Shelling hit homes in Velmarivka overnight.", &["Velmarivka=new:velmarivka/LOC/pattern"]);
    check("A Velmar-based charity said so.", &["Velmar=new:velmar/LOC/pattern"]);
    // A month is never a place name.
    check("Prices rose in March.", &[]);
}

#[test]
fn roles_introduced_in_the_article() {
    check(
        "Kremlin aide Yuri Ushakov spoke first. Later the Kremlin aide said talks went well.",
        &[
            "Kremlin=org:kremlin/ORG/gazetteer",
            "Yuri Ushakov=new:yuri-ushakov/PERSON/pattern",
            "Kremlin aide=new:yuri-ushakov/PERSON/coref",
        ],
    );
}

#[test]
fn a_relative_who_after_a_two_word_name() {
    check(
        "Hélène Marchetti, who spent two decades abroad, spoke on Monday.",
        &["Hélène Marchetti=new:hélène-marchetti/PERSON/pattern"],
    );
}
