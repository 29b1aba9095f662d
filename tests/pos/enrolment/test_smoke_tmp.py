def test_smoke(client, auth, make, database):
    make.canteen()
    r = make.resident(name="张桂兰", categories=("dibao",), balance_fen=5000)
    make.card(r, "04A1B2C3")
    auth.login("manager")
    for url in ["/residents", "/residents?q=zgl", "/residents/new", f"/residents/{r}", f"/residents/{r}/edit", "/residents/import", "/residents/export.xlsx"]:
        resp = client.get(url)
        print(url, resp.status_code, len(resp.data))
        assert resp.status_code == 200, resp.get_data(as_text=True)[:3000]
    resp = client.post("/residents/new", data={"name": "李福贵", "id_number": "123"})
    print(resp.status_code)
    assert resp.status_code == 422
    assert "身份证号" in resp.get_data(as_text=True)
