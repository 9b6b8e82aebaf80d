from vernetzt.core.collation import sort_key, sorted_by


def test_umlauts_and_sharp_s_sort_with_their_base_letters():
    names = ["Zypern", "Ägypten", "Afghanistan", "Österreich", "Ostafrika", "Straße", "Strasbourg", "Ukraine", "Übersee"]
    assert sorted(names, key=sort_key) == [
        "Afghanistan", "Ägypten", "Ostafrika", "Österreich", "Strasbourg", "Straße", "Übersee", "Ukraine", "Zypern",
    ]


def test_case_does_not_split_the_alphabet():
    assert sorted(["beratung", "Bildung", "arbeit", "Zuwanderung"], key=sort_key) == [
        "arbeit", "beratung", "Bildung", "Zuwanderung",
    ]


def test_other_alphabets_keep_their_order():
    assert sorted(["ثقافة", "أسرة", "بيت"], key=sort_key) == ["أسرة", "بيت", "ثقافة"]
    assert sorted(["Ера", "Віра", "Анна"], key=sort_key) == ["Анна", "Віра", "Ера"]


def test_sorted_by_takes_a_label_function():
    assert sorted_by([{"n": "Öl"}, {"n": "Oase"}, {"n": "Ahorn"}], lambda item: item["n"]) == [
        {"n": "Ahorn"}, {"n": "Oase"}, {"n": "Öl"},
    ]
