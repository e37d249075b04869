"""Showing, printing and saving a letter's PDF bytes.

``PdfPane`` previews with QtPdf (``QPdfDocument`` + ``QPdfView``). Qt cannot send an existing PDF
to a printer, so ``render_to_printer`` rasterises each page at about 300 dpi (not the printer's own
1,200 dpi: a page would be a ~550 MB image) on a white background (``render`` is transparent) and
draws it onto the printer's page. Saving writes through the core's safe file names; "Open folder"
shows where the file went.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QRectF,
    QSettings,
    QSize,
    QStandardPaths,
    Qt,
    QUrl,
)
from PySide6.QtGui import QDesktopServices, QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui import prompts

PRINT_DPI = 300
SAVE_FOLDER_KEY = "letters/saveFolder"


def tr(text: str) -> str:
    return QCoreApplication.translate("letters", text)


def load_document(document: QPdfDocument, data: bytes) -> QBuffer:
    """Load ``data`` into ``document``; keep the returned buffer alive as long as the document."""
    buffer = QBuffer(document)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return buffer


class PdfPane(QWidget):
    """A letter preview: the pages one under the other, fitted to the width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self.data = b""
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)

    def show_pdf(self, data: bytes) -> None:
        self.document.close()
        self.data = data
        self._buffer = load_document(self.document, data)
        self.message.hide()
        self.view.show()

    def show_message(self, text: str) -> None:
        """No letter to show, and why (shown as plain text)."""
        self.document.close()
        self.data = b""
        self.message.setText(text)
        self.message.show()
        self.view.hide()

    def page_count(self) -> int:
        return self.document.pageCount() if self.data else 0


def render_to_printer(document: QPdfDocument, printer: QPrinter, dpi: int = PRINT_DPI) -> int:
    """Each page as a ``dpi`` image on white, fitted to the printer's page; returns pages sent."""
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        target = printer.pageLayout().fullRectPixels(printer.resolution())
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            points = document.pagePointSize(page)
            pixels = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
            sheet = QImage(pixels, QImage.Format.Format_RGB32)
            sheet.fill(Qt.GlobalColor.white)
            ink = QPainter(sheet)
            ink.drawImage(0, 0, document.render(page, pixels))
            ink.end()
            scale = min(target.width() / pixels.width(), target.height() / pixels.height())
            width, height = pixels.width() * scale, pixels.height() * scale
            x = (target.width() - width) / 2
            y = (target.height() - height) / 2
            painter.drawImage(QRectF(x, y, width, height), sheet)
        return document.pageCount()
    finally:
        painter.end()


def ask_printer(parent: QWidget | None) -> QPrinter | None:
    """The print dialog; None when cancelled. (Tests replace this function.)"""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(tr("Print letter"))
    return printer if dialog.exec() == QPrintDialog.DialogCode.Accepted else None


def print_pdf(parent: QWidget | None, data: bytes) -> int:
    """Ask for a printer and print the letter; returns the pages printed (0: cancelled)."""
    printer = ask_printer(parent)
    if printer is None:
        return 0
    document = QPdfDocument()
    buffer = load_document(document, data)
    try:
        pages = render_to_printer(document, printer)
    finally:
        document.close()
        buffer.close()
    if pages == 0:
        prompts.error(parent, tr("The printer could not be started."))
    return pages


def letters_folder() -> Path:
    """Where "Save as" starts: the folder a letter was last saved to, else the Documents
    folder (not wherever the program happened to be started from)."""
    last = QSettings().value(SAVE_FOLDER_KEY, "", type=str)
    if last and Path(last).is_dir():
        return Path(last)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def save_pdf(parent: QWidget | None, data: bytes, suggested: str, folder: str = "") -> Path | None:
    """Ask where to save and write the file; returns where it went (None: cancelled)."""
    start = str(Path(folder or letters_folder()) / suggested)
    path = prompts.save_file(parent, tr("Save letter as"), start, tr("PDF files (*.pdf)"))
    if path is None:
        return None
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    try:
        path.write_bytes(data)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        prompts.error(parent, tr("The letter could not be saved:\n{reason}").format(reason=reason))
        return None
    QSettings().setValue(SAVE_FOLDER_KEY, str(path.parent))
    return path


def open_folder(path: Path) -> bool:
    """Show the folder a letter was saved in, in the system's file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
