//! Entity matching rules, each checked through one `check` helper against a
//! small gazetteer written for the tests.

use gazette_extract::{Article, EntityRef, Pipeline};

const GAZ: &str = "id\tkind\tname\taliases\tcountry\tsector\troles
person:vladimir-putin\tPERSON\tVladimir Putin\tPutin\tRUS\tGOV\tRUS/GOV/president/2012-05-07/
person:donald-trump\tPERSON\tDonald Trump\tTrump\tUSA\tGOV\tUSA/GOV/president/2017-01-20/2021-01-20;USA/GOV/president/2025-01-20/
org:kremlin\tORG\tKremlin\t\tRUS\tGOV\t
org:nato\tORG\tNATO\tNorth Atlantic Treaty Organization\t\tIGO\t
gpe:USA\tGPE\tUnited States\tUS|U.S.|USA|America|American{norp}|Americans{norp}\tUSA\t\t
gpe:RUS\tGPE\tRussia\tRussian Federation|Russian{norp}|Russians{norp}\tRUS\t\t
gpe:JOR\tGPE\tJordan{ctx}\tHashemite Kingdom of Jordan\tJOR\t\t
gpe:GEO\tGPE\tGeorgia{ctx}\t\tGEO\t\t
gpe:US-GA\tGPE\tGeorgia{ctx}\tState of Georgia\tUSA\t\t
city:atlanta\tGPE\tAtlanta\t\tUSA\t\t
city:tbilisi\tGPE\tTbilisi\t\tGEO\t\t
city:washington\tGPE\tWashington\tWashington{ctx}|Washington, D.C.\tUSA\t\t
loc:al-mawasi\tLOC\tal-Mawasi\tal-Mawasi|Al-Mawasi\tPSE\t\t
event:earth-summit\tORG\tEarth Summit\tearth summit{any}\t\t\t
";

fn pipeline() -> Pipeline {
    Pipeline::builder().no_default_gazetteer().add_gazetteer("test.tsv", GAZ).build().unwrap()
}

/// Gazetteer mentions found in `text` as `surface=entity_id/KIND`, in text
/// order (names found by patterns are tested in `names.rs`).
fn check(text: &str, expect: &[&str]) {
    check_dated(text, None, expect);
}

fn check_dated(text: &str, published: Option<&str>, expect: &[&str]) {
    let p = pipeline();
    let article =
        Article { id: "t".into(), text: text.into(), published: published.map(String::from), ..Default::default() };
    let x = p.process(&article).unwrap();
    let got: Vec<String> = x
        .mentions
        .iter()
        .filter_map(|m| match m.entity {
            EntityRef::Gazetteer(e) => Some((m, e)),
            EntityRef::New(_) => None,
        })
        .map(|(m, e)| {
            let e = &p.gazetteer().entities()[e];
            let kind = serde_json::to_value(m.kind).unwrap();
            format!("{}={}/{}", m.span.text(text), e.id, kind.as_str().unwrap())
        })
        .collect();
    assert_eq!(got, expect, "text: {text:?}");
}

#[test]
fn names_possessives_and_compounds() {
    check("Putin’s aide met Trump.", &["Putin=person:vladimir-putin/PERSON", "Trump=person:donald-trump/PERSON"]);
    check("a Trump-Putin summit", &["Trump=person:donald-trump/PERSON", "Putin=person:vladimir-putin/PERSON"]);
    check("Russia's oil and the Kremlin", &["Russia=gpe:RUS/GPE", "Kremlin=org:kremlin/ORG"]);
}

#[test]
fn longest_alias_wins() {
    check("the North Atlantic Treaty Organization met", &["North Atlantic Treaty Organization=org:nato/ORG"]);
}

#[test]
fn the_longest_alias_must_end_on_a_token_end_and_no_shorter_one_is_tried() {
    // `Russian Federation` is the longest alias at `Russian`; it ends inside
    // `Federationist`, so nothing starts there, not even `Russian`.
    check("the Russian Federationist", &[]);
    check("the Russian Federation, Russian", &["Russian Federation=gpe:RUS/GPE", "Russian=gpe:RUS/NORP"]);
}

#[test]
fn united_states_forms() {
    check(
        "US, U.S., USA, the United States and America",
        &["US=gpe:USA/GPE", "U.S.=gpe:USA/GPE", "USA=gpe:USA/GPE", "United States=gpe:USA/GPE", "America=gpe:USA/GPE"],
    );
}

#[test]
fn case_rules() {
    // Short and all-caps aliases match exactly; others also in headline capitals.
    check("let us go, nato", &[]);
    check("RUSSIA WARNS NATO", &["RUSSIA=gpe:RUS/GPE", "NATO=org:nato/ORG"]);
    check("russia", &[]);
}

#[test]
fn aliases_written_in_lowercase_or_matching_in_any_case_match_lowercase_words() {
    check("Tents filled al-Mawasi and Al-Mawasi.", &["al-Mawasi=loc:al-mawasi/LOC", "Al-Mawasi=loc:al-mawasi/LOC"]);
    check("the earth summit opened", &["earth summit=event:earth-summit/ORG"]);
    // Lowercase words that start no such alias are no mentions.
    check("an earthy summit in al", &[]);
}

#[test]
fn never_inside_a_word() {
    check("Russiagate, Putinism and USAID", &[]);
}

#[test]
fn demonyms_are_norp_mentions_of_the_country() {
    check("Russian officials met Americans.", &["Russian=gpe:RUS/NORP", "Americans=gpe:USA/NORP"]);
}

#[test]
fn ambiguous_aliases_need_context() {
    check("Jordan scored twice.", &[]);
    check("Jordan Henderson flew in.", &[]);
    check("He flew to Jordan on Monday.", &["Jordan=gpe:JOR/GPE"]);
    check("Jordan's king spoke.", &["Jordan=gpe:JOR/GPE"]);
    check("Mr Jordan spoke.", &[]);
}

#[test]
fn shared_aliases_follow_the_article() {
    check("Protests in Tbilisi spread across Georgia.", &["Tbilisi=city:tbilisi/GPE", "Georgia=gpe:GEO/GPE"]);
    check("Voters in Atlanta, Georgia queued.", &["Atlanta=city:atlanta/GPE", "Georgia=gpe:US-GA/GPE"]);
}

#[test]
fn actor_codes_follow_the_article_date() {
    let p = pipeline();
    let code = |date: &str| {
        let a =
            Article { id: "t".into(), text: "Trump spoke.".into(), published: Some(date.into()), ..Default::default() };
        p.process(&a).unwrap().entities[0].code.clone()
    };
    assert_eq!(code("2019-06-01").as_deref(), Some("USAGOV"));
    assert_eq!(code("2023-06-01").as_deref(), Some("USA"));
    assert_eq!(code("2025-08-06").as_deref(), Some("USAGOV"));
}

#[test]
fn bad_gazetteer_rows_fail_the_build_with_file_and_line() {
    let err = Pipeline::builder()
        .no_default_gazetteer()
        .add_gazetteer("mine.tsv", "id\tkind\tname\taliases\tcountry\tsector\troles\nx\tGPE\tX\t\t\t\t\n")
        .build()
        .unwrap_err();
    assert_eq!(err.to_string(), "gazetteer: mine.tsv:2: error: id \"x\" must look like prefix:slug");
}

#[test]
fn role_nominals_name_the_holder_on_the_date() {
    check("Envoys met the Russian president on Monday.", &["Russian president=person:vladimir-putin/PERSON"]);
    check_dated("The US president spoke.", Some("2019-03-01"), &["US president=person:donald-trump/PERSON"]);
    // Nobody in this gazetteer held the office then: the demonym stays.
    check_dated("The US president spoke.", Some("2023-03-01"), &["US=gpe:USA/GPE"]);
    check("a former Russian president", &["Russian=gpe:RUS/NORP"]);
    // The name that follows is the mention, not the title.
    check("Russian President Vladimir Putin", &["Russian=gpe:RUS/NORP", "Vladimir Putin=person:vladimir-putin/PERSON"]);
}

#[test]
fn a_case_rule_on_an_alias_that_repeats_the_name_applies_to_the_name() {
    let gaz = "id\tkind\tname\taliases\tcountry\tsector\troles\ngpe:JOR\tGPE\tJordan\tJordan{ctx}\tJOR\t\t\n";
    let p = gazette_extract::Pipeline::builder().no_default_gazetteer().add_gazetteer("t.tsv", gaz).build().unwrap();
    let text = "Eddie Jordan said the race was over.";
    let x = p.process(&gazette_extract::Article { id: "t".into(), text: text.into(), ..Default::default() }).unwrap();
    assert!(x.mentions.iter().all(|m| m.span.text(text) != "Jordan"), "Jordan needs context here");
    let text = "The king returned to Jordan on Monday.";
    let x = p.process(&gazette_extract::Article { id: "t".into(), text: text.into(), ..Default::default() }).unwrap();
    assert!(x.mentions.iter().any(|m| m.span.text(text) == "Jordan"), "a place preposition is context");
}

#[test]
fn a_dateline_is_context_for_an_ambiguous_place() {
    check("WASHINGTON (Example Wire) - Talks resumed.", &["WASHINGTON=city:washington/GPE"]);
    // Not in running text without other evidence.
    check("Denzel Washington arrived.", &[]);
    check("The talks resumed. Washington declined to comment.", &[]);
}

#[test]
fn a_country_named_twice_is_context_for_its_places() {
    check(
        "Trump spoke to Americans on Monday. It is unclear whether Washington endorsed the plan.",
        &["Trump=person:donald-trump/PERSON", "Americans=gpe:USA/NORP", "Washington=city:washington/GPE"],
    );
}

/// Titles of several words, in any case, or starting with a word that is
/// not ASCII, with and without the quote and event stages (which share
/// their word hashes with the role lookup).
#[test]
fn role_nominals_with_long_capitalised_and_non_ascii_titles() {
    let gaz = "id\tkind\tname\taliases\tcountry\tsector\troles
person:sergey-lavrov\tPERSON\tSergey Lavrov\tLavrov\tRUS\tGOV\tRUS/GOV/foreign minister/2004-03-09/
person:anna-ivanova\tPERSON\tAnna Ivanova\t\tRUS\tGOV\tRUS/GOV/émissaire spécial/2020/
gpe:RUS\tGPE\tRussia\tRussian{norp}\tRUS\t\t
";
    for stages in [true, false] {
        let p = Pipeline::builder()
            .no_default_gazetteer()
            .add_gazetteer("t.tsv", gaz)
            .quotes(stages)
            .events(stages)
            .build()
            .unwrap();
        for (text, expect) in [
            ("Then the Russian foreign minister left.", "Russian foreign minister=person:sergey-lavrov"),
            ("Then the Russian FOREIGN Minister left.", "Russian FOREIGN Minister=person:sergey-lavrov"),
            ("Then the Russian émissaire spécial left.", "Russian émissaire spécial=person:anna-ivanova"),
            ("Then the Russian Émissaire Spécial left.", "Russian Émissaire Spécial=person:anna-ivanova"),
            ("Then the Russian foreigner left.", "Russian=gpe:RUS"),
            ("Then the Russian émissaire left.", "Russian=gpe:RUS"),
        ] {
            let x = p.process(&Article { id: "t".into(), text: text.into(), ..Default::default() }).unwrap();
            let got: Vec<String> = x
                .mentions
                .iter()
                .filter_map(|m| match m.entity {
                    EntityRef::Gazetteer(e) => {
                        Some(format!("{}={}", m.span.text(text), p.gazetteer().entities()[e].id))
                    }
                    EntityRef::New(_) => None,
                })
                .collect();
            assert_eq!(got, [expect], "{text:?}, quote and event stages: {stages}");
        }
    }
}
