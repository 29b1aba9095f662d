from receipts.columns import center, clean, display_width, two_columns, wrap


def test_display_width_counts_chinese_as_two_columns():
    assert display_width("abc") == 3
    assert display_width("红烧肉") == 6
    assert display_width("低保60+") == 7
    assert display_width("（）：") == 6  # full-width punctuation
    assert display_width("e\u0301") == 1  # combining accent takes no column


def test_wrap_never_splits_a_chinese_character():
    assert wrap("一荤两素套餐加一份汤", 7) == ["一荤两", "素套餐", "加一份", "汤"]
    assert wrap("ab红烧", 3) == ["ab", "红", "烧"]


def test_two_columns_right_aligns_the_amount():
    assert two_columns("红烧肉", "8.00", 16) == ["红烧肉      8.00"]
    assert two_columns("合计", "15.00", 32) == ["合计" + " " * 23 + "15.00"]


def test_two_columns_wraps_a_long_name_and_keeps_the_amount_on_its_last_line():
    assert two_columns("清蒸鲈鱼配时令蔬菜", "12.00", 16) == ["清蒸鲈鱼配时令蔬", "菜         12.00"]


def test_two_columns_puts_the_amount_on_its_own_line_when_the_last_line_is_full():
    assert two_columns("一二三四五六七八", "9.00", 16) == ["一二三四五六七八", "            9.00"]


def test_center_and_clean():
    assert center("消费小票", 32) == " " * 12 + "消费小票"
    assert clean("张\x1b@华\n") == "张 @华 "
