from pathlib import Path

from app.store import Store


def test_window_opens_with_store(qtbot, tmp_path: Path) -> None:
    from ui.main import make_application
    from ui.main_window import MainWindow

    make_application()
    store = Store(tmp_path / "d")
    store.create_case("案件一")
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle().startswith("证据包")
