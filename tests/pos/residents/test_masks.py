"""The one masking rule: numbers show their last four characters, names their first and last."""
from __future__ import annotations

from pos.residents.masks import mask_name, mask_number, masked_resident


def test_an_id_number_shows_its_last_four_only_no_area_or_birth_date():
    assert mask_number("14100219480101000X") == "**************000X"


def test_a_phone_shows_its_last_four_only():
    assert mask_number("13912345678") == "*******5678"


def test_a_number_of_four_or_fewer_characters_is_all_hidden_and_none_stays_empty():
    assert (mask_number("5678"), mask_number("12"), mask_number("")) == ("****", "**", "")


def test_a_name_keeps_its_first_and_last_character():
    assert (mask_name("张桂兰"), mask_name("李明"), mask_name("欧阳春花"), mask_name("王")) == ("张*兰", "李*", "欧**花", "王")


def test_a_claim_names_the_resident_by_masked_name_and_the_last_four():
    assert masked_resident("张桂兰", "14100219480101000X") == "张*兰(000X)"
