"""ESC/POS output compared byte for byte with a receipt built by hand from the command tables."""

from receipts.documents import Paper
from receipts.escpos import qr_code, render_sale_escpos, render_topup_escpos
from tests.receipts.factories import sale_receipt, topup_receipt

URL = "https://c.example/t/3"  # 21 bytes


def gb(s: str) -> bytes:
    return s.encode("gb18030")


def test_gb18030_is_the_two_byte_gb2312_code_for_common_characters():
    assert gb("新百汇") == b"\xd0\xc2\xb0\xd9\xbb\xe3"


def test_qr_commands():
    assert qr_code(URL, 5) == (
        b"\x1d\x28\x6b\x04\x00\x31\x41\x32\x00"  # model 2
        b"\x1d\x28\x6b\x03\x00\x31\x43\x05"  # module size 5
        b"\x1d\x28\x6b\x03\x00\x31\x45\x31"  # error correction M
        b"\x1d\x28\x6b\x18\x00\x31\x50\x30" + URL.encode()  # store 21 + 3 bytes
        + b"\x1d\x28\x6b\x03\x00\x31\x51\x30"  # print
    )


def test_small_topup_receipt_on_58mm_paper_byte_for_byte():
    receipt = topup_receipt(verify_url=URL)
    expected = (
        b"\x1b\x40"  # ESC @ init
        b"\x1c\x26"  # FS & Chinese mode
        # 18 columns do not fit double width (16): bold, double height, centred in 32
        + b"\x1b\x45\x01" + b"\x1d\x21\x01" + b" " * 7 + gb("新百汇社区便民餐厅") + b"\n" + b"\x1d\x21\x00" + b"\x1b\x45\x00"
        + b"\x1b\x45\x01" + b" " * 12 + gb("充值小票") + b"\n" + b"\x1b\x45\x00"
        + b"\xb5\xa5\xba\xc5:T20261128-0003\n"  # 单号
        + gb("时间") + b":2026-11-28 09:05\n"
        + gb("收银:王芳") + b"\n"
        + gb("居民:张*华") + b" " * 4 + b"**************1234\n"  # 10 + 4 + 18 = 32
        + b"-" * 32 + b"\n"
        + b"\x1b\x45\x01" + gb("充值金额(现金)") + b" " * 12 + b"100.00\n" + b"\x1b\x45\x00"  # 14 + 12 + 6
        + gb("充值后余额") + b" " * 16 + b"220.50\n"
        + b"-" * 32 + b"\n"
        + b"\x1b\x61\x01" + qr_code(URL, 5) + b"\n" + gb("扫码核验小票") + b"\n" + b"\x1b\x61\x00"
        + b"\x1b\x64\x04"  # feed 4 lines
        + b"\x1d\x56\x42\x00"  # GS V 66 0 partial cut
    )
    assert render_topup_escpos(receipt, Paper.MM58) == expected


def test_cash_drawer_kick_comes_right_after_init():
    data = render_topup_escpos(topup_receipt(), Paper.MM58, open_drawer=True)
    assert data.startswith(b"\x1b\x40\x1c\x26\x1b\x70\x00\x19\xfa")


def test_short_canteen_name_is_double_size_on_80mm():
    data = render_sale_escpos(sale_receipt(canteen_name="便民餐厅"), Paper.MM80)
    assert b"\x1d\x21\x11" + b" " * 8 + gb("便民餐厅") + b"\n\x1d\x21\x00" in data  # centred in 24


def test_sale_lines_use_48_columns_on_80mm():
    lines = render_sale_escpos(sale_receipt(), Paper.MM80).split(b"\n")
    assert gb("一荤两素套餐") + b" " * 21 + b"1x12.00   12.00" in lines  # 12 + 21 + 15 = 48
    assert b"\x1b\x45\x01" + gb("合计(元)") + b" " * 35 + b"15.00" in lines
    assert b"\x1b\x45\x00" + gb("补贴 区民政局 低保60+") + b" " * 22 + b"-5.00" in lines  # after bold off


def test_control_characters_in_names_cannot_reach_the_printer():
    data = render_sale_escpos(sale_receipt(cashier="王\x1d\x56\x00芳"), Paper.MM58)
    assert b"\x1d\x56\x00" not in data
    assert gb("收银:王 V 芳") + b"\n" in data


def test_the_canteens_footer_is_printed_after_the_qr_code_and_wrapped_to_the_paper():
    footer = "谢谢惠顾，欢迎再来！电话0357-2345678"  # 12 wide characters and 12 narrow: 36 columns
    data = render_topup_escpos(topup_receipt(verify_url=URL, footer=footer), Paper.MM58)
    assert data.endswith(gb("扫码核验小票") + b"\n" + b"\x1b\x61\x00"
                         + gb("谢谢惠顾，欢迎再来！电话") + b"0357-234\n" + b"5678\n"  # 32 columns, then the rest
                         + b"\x1b\x64\x04" + b"\x1d\x56\x42\x00")
    assert render_topup_escpos(topup_receipt(verify_url=URL, footer="\x1b@谢谢"), Paper.MM58).count(b"\x1b@") == 1
