<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>DisplayCalibration</name>
    <message>
        <location filename="../app/gui/DisplayCalibration.cpp" line="35"/>
        <source>10-bit output: yes (screen %1 bits deep)</source>
        <translation>10-Bit-Ausgabe: ja (Bildschirm mit %1 Bit Farbtiefe)</translation>
    </message>
    <message>
        <location filename="../app/gui/DisplayCalibration.cpp" line="36"/>
        <source>10-bit output: no (8-bit output path chosen)</source>
        <translation>10-Bit-Ausgabe: nein (8-Bit-Ausgabepfad gewählt)</translation>
    </message>
    <message>
        <location filename="../app/gui/DisplayCalibration.cpp" line="37"/>
        <source>10-bit output: no (8 bits per channel)</source>
        <translation>10-Bit-Ausgabe: nein (8 Bit pro Kanal)</translation>
    </message>
    <message>
        <location filename="../app/gui/DisplayCalibration.cpp" line="46"/>
        <source>Not calibrated (no screen)</source>
        <translation>Nicht kalibriert (kein Bildschirm)</translation>
    </message>
    <message>
        <location filename="../app/gui/DisplayCalibration.cpp" line="51"/>
        <source>Not calibrated: %1</source>
        <translation>Nicht kalibriert: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/DisplayCalibration.cpp" line="59"/>
        <source>Calibrated: %1 (GSDF, LUT from %2)</source>
        <translation>Kalibriert: %1 (GSDF, LUT vom %2)</translation>
    </message>
    <message>
        <location filename="../app/gui/DisplayCalibration.cpp" line="61"/>
        <source>Not calibrated: the QC history cannot be read (%1)</source>
        <translation>Nicht kalibriert: Der QS-Verlauf kann nicht gelesen werden (%1)</translation>
    </message>
    <message>
        <source>The reading viewports apply the active calibration LUT (P-value to driving level) of the display they are on, from the QC history. On a 30-bit screen the LUT is applied by a final pass at 10 bits per channel; Display QC &gt; 10-bit Output Check (TG18-MP) measures what reaches the screen.</source>
        <translation type="vanished">Die Befundungsansichten wenden die aktive Kalibrier-LUT (P-Wert auf Ansteuerwert) des Monitors an, auf dem sie liegen, aus dem QS-Verlauf. Auf einem 30-Bit-Bildschirm wird die LUT in einem letzten Durchgang mit 10 Bit pro Kanal angewendet; Monitor-QS &gt; 10-Bit-Ausgabeprüfung (TG18-MP) misst, was auf dem Bildschirm ankommt.</translation>
    </message>
    <message>
        <location filename="../app/gui/DisplayCalibration.cpp" line="72"/>
        <source>The image views apply the active calibration LUT (P-value to driving level) of the display they are on, from the QC history. On a 30-bit screen the reading viewports apply it in a final pass at 10 bits per channel; Display QC &gt; 10-bit Output Check (TG18-MP) measures what reaches the screen.</source>
        <translation>Die Bildansichten wenden die aktive Kalibrier-LUT (P-Wert auf Ansteuerwert) des Monitors an, auf dem sie liegen, aus dem QS-Verlauf. Auf einem 30-Bit-Bildschirm wenden die Befundungsansichten sie in einem letzten Durchgang mit 10 Bit pro Kanal an; Monitor-QS &gt; 10-Bit-Ausgabeprüfung (TG18-MP) misst, was auf dem Bildschirm ankommt.</translation>
    </message>
</context>
<context>
    <name>DisplayIdentity</name>
    <message>
        <location filename="../app/qc/DisplayDescription.cpp" line="13"/>
        <source>%1 (S/N %2)</source>
        <translation>%1 (S/N %2)</translation>
    </message>
    <message>
        <location filename="../app/qc/DisplayDescription.cpp" line="14"/>
        <source>unidentified display</source>
        <translation>nicht identifizierter Monitor</translation>
    </message>
    <message>
        <location filename="../app/qc/DisplayDescription.cpp" line="15"/>
        <source>%1 on %2</source>
        <translation>%1 an %2</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../app/gui/StudyPriors.cpp" line="221"/>
        <source>No priors to fetch from the remote nodes</source>
        <translation>Keine Voraufnahmen von den Gegenstellen abzurufen</translation>
    </message>
    <message>
        <location filename="../app/gui/StudyPriors.cpp" line="244"/>
        <source>Fetching prior %1 of %2: %3 of %4 images</source>
        <translation>Voraufnahme %1 von %2 wird abgerufen: %3 von %4 Bildern</translation>
    </message>
    <message>
        <location filename="../app/gui/StudyPriors.cpp" line="257"/>
        <source>Fetching priors cancelled</source>
        <translation>Abruf der Voraufnahmen abgebrochen</translation>
    </message>
    <message>
        <location filename="../app/gui/StudyPriors.cpp" line="258"/>
        <source>Priors fetched: %1 of %2</source>
        <translation>Voraufnahmen abgerufen: %1 von %2</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="35"/>
        <source>...</source>
        <translation>...</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="39"/>
        <source>PEM files (*.pem *.crt *.key *.cer);;All files (*)</source>
        <translation>PEM-Dateien (*.pem *.crt *.key *.cer);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../app/qc/ContrastResponseChart.cpp" line="45"/>
        <source>Contrast response: dL/L per JND vs GSDF (tolerance ±%1 %)</source>
        <translation>Kontrastantwort: dL/L pro JND gegenüber GSDF (Toleranz ±%1 %)</translation>
    </message>
    <message>
        <location filename="../app/qc/ContrastResponseChart.cpp" line="55"/>
        <source>tolerance band</source>
        <translation>Toleranzband</translation>
    </message>
    <message>
        <location filename="../app/qc/ContrastResponseChart.cpp" line="59"/>
        <source>GSDF</source>
        <translation>GSDF</translation>
    </message>
    <message>
        <location filename="../app/qc/ContrastResponseChart.cpp" line="63"/>
        <source>measured</source>
        <translation>gemessen</translation>
    </message>
    <message>
        <location filename="../app/qc/ContrastResponseChart.cpp" line="72"/>
        <source>JND index</source>
        <translation>JND-Index</translation>
    </message>
    <message>
        <location filename="../app/qc/ContrastResponseChart.cpp" line="74"/>
        <source>dL/L per JND</source>
        <translation>dL/L pro JND</translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="42"/>
        <source>date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../app/qc/QcActions.cpp" line="18"/>
        <source>Display QC</source>
        <translation>Monitor-QS</translation>
    </message>
    <message>
        <location filename="../app/qc/QcActions.cpp" line="19"/>
        <source>The QC history cannot be opened:
%1</source>
        <translation>Der QS-Verlauf kann nicht geöffnet werden:
%1</translation>
    </message>
    <message>
        <location filename="../app/gui/PresentationStateSending.cpp" line="73"/>
        <source>There is no remote node called &quot;%1&quot; (File &gt; Remote Nodes).</source>
        <translation>Es gibt keine Gegenstelle namens &quot;%1&quot; (Datei &gt; Gegenstellen).</translation>
    </message>
    <message>
        <location filename="../app/gui/PresentationStateSending.cpp" line="77"/>
        <source>%1 has no DICOMweb address: it cannot take STOW-RS.</source>
        <translation>%1 hat keine DICOMweb-Adresse: STOW-RS ist nicht möglich.</translation>
    </message>
    <message>
        <location filename="../app/gui/PresentationStateSending.cpp" line="80"/>
        <source>%1 has no AE title and host: it cannot take C-STORE.</source>
        <translation>%1 hat keinen AE-Titel und Host: C-STORE ist nicht möglich.</translation>
    </message>
    <message>
        <location filename="../app/gui/PresentationStateSending.cpp" line="81"/>
        <source>Sending to %1 by %2</source>
        <translation>Senden an %1 per %2</translation>
    </message>
    <message>
        <location filename="../app/gui/PresentationStateSending.cpp" line="85"/>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location filename="../app/gui/PresentationStateSending.cpp" line="88"/>
        <source>%1 did not take the presentation state: %2</source>
        <translation>%1 hat den Präsentationszustand nicht angenommen: %2</translation>
    </message>
    <message>
        <location filename="../app/gui/PresentationStateSending.cpp" line="93"/>
        <source>Presentation state sent to %1</source>
        <translation>Präsentationszustand an %1 gesendet</translation>
    </message>
</context>
<context>
    <name>QToolBar</name>
    <message>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="13"/>
        <source>Measurements</source>
        <translation>Messungen</translation>
    </message>
    <message>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="25"/>
        <source>W/L</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="26"/>
        <source>Select</source>
        <translation>Auswählen</translation>
    </message>
    <message>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="27"/>
        <source>Length</source>
        <translation>Länge</translation>
    </message>
    <message>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="28"/>
        <source>Polyline</source>
        <translation>Polylinie</translation>
    </message>
    <message>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="29"/>
        <source>Angle</source>
        <translation>Winkel</translation>
    </message>
    <message>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="30"/>
        <source>Cobb</source>
        <translation>Cobb</translation>
    </message>
    <message>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="31"/>
        <source>Ellipse</source>
        <translation>Ellipse</translation>
    </message>
    <message>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="32"/>
        <source>Rect</source>
        <translation>Rechteck</translation>
    </message>
    <message>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="33"/>
        <source>Polygon</source>
        <translation>Polygon</translation>
    </message>
    <message>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="34"/>
        <source>Freehand</source>
        <translation>Freihand</translation>
    </message>
    <message>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="35"/>
        <source>Probe</source>
        <translation>Messpunkt</translation>
    </message>
    <message>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="36"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="37"/>
        <source>Arrow</source>
        <translation>Pfeil</translation>
    </message>
    <message>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="38"/>
        <source>Rect shutter</source>
        <translation>Rechteckblende</translation>
    </message>
    <message>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="39"/>
        <source>Circle shutter</source>
        <translation>Kreisblende</translation>
    </message>
    <message>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="40"/>
        <source>Poly shutter</source>
        <translation>Polygonblende</translation>
    </message>
    <message>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="46"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="65"/>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="66"/>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="67"/>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="68"/>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
</context>
<context>
    <name>ReadingArea</name>
    <message>
        <location filename="../viewer/src/ReadingAreaHanging.cpp" line="105"/>
        <source>Current %1</source>
        <translation>Aktuell %1</translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingAreaHanging.cpp" line="106"/>
        <source>Prior %1  %2</source>
        <translation>Voraufnahme %1  %2</translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingAreaHanging.cpp" line="110"/>
        <source>Prior: waiting for it to arrive</source>
        <translation>Voraufnahme: wird erwartet</translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingAreaHanging.cpp" line="111"/>
        <source>No matching series</source>
        <translation>Keine passende Serie</translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingAreaHanging.cpp" line="112"/>
        <source>No prior</source>
        <translation>Keine Voraufnahme</translation>
    </message>
</context>
<context>
    <name>TenBitProbe</name>
    <message>
        <location filename="../app/qc/ScreenIdentity.cpp" line="35"/>
        <source>10-bit output: unknown (no OpenGL on this screen)</source>
        <translation>10-Bit-Ausgabe: unbekannt (kein OpenGL auf diesem Bildschirm)</translation>
    </message>
    <message>
        <location filename="../app/qc/ScreenIdentity.cpp" line="36"/>
        <source>10-bit output: yes (%1/%2/%3 bits per channel)</source>
        <translation>10-Bit-Ausgabe: ja (%1/%2/%3 Bit pro Kanal)</translation>
    </message>
    <message>
        <location filename="../app/qc/ScreenIdentity.cpp" line="37"/>
        <source>10-bit output: no (the window system gave %1/%2/%3 bits per channel; images reach this screen at 8 bits)</source>
        <translation>10-Bit-Ausgabe: nein (das Fenstersystem lieferte %1/%2/%3 Bit pro Kanal; Bilder erreichen diesen Bildschirm mit 8 Bit)</translation>
    </message>
</context>
<context>
    <name>UniformityMap</name>
    <message>
        <location filename="../app/qc/UniformityMap.cpp" line="59"/>
        <source>level %1</source>
        <translation>Stufe %1</translation>
    </message>
</context>
<context>
    <name>WindowPresets</name>
    <message>
        <location filename="../viewer/src/WindowPresets.cpp" line="13"/>
        <source>Brain</source>
        <translation>Hirn</translation>
    </message>
    <message>
        <location filename="../viewer/src/WindowPresets.cpp" line="13"/>
        <source>Lung</source>
        <translation>Lunge</translation>
    </message>
    <message>
        <location filename="../viewer/src/WindowPresets.cpp" line="14"/>
        <source>Mediastinum</source>
        <translation>Mediastinum</translation>
    </message>
    <message>
        <location filename="../viewer/src/WindowPresets.cpp" line="14"/>
        <source>Bone</source>
        <translation>Knochen</translation>
    </message>
    <message>
        <location filename="../viewer/src/WindowPresets.cpp" line="15"/>
        <source>Abdomen</source>
        <translation>Abdomen</translation>
    </message>
    <message>
        <location filename="../viewer/src/WindowPresets.cpp" line="15"/>
        <source>Liver</source>
        <translation>Leber</translation>
    </message>
    <message>
        <location filename="../viewer/src/WindowPresets.cpp" line="25"/>
        <source>File window %1</source>
        <translation>Fenster aus Datei %1</translation>
    </message>
</context>
<context>
    <name>lightbox::app</name>
    <message>
        <source>Presentation state sent to %1</source>
        <translation type="vanished">Präsentationszustand an %1 gesendet</translation>
    </message>
    <message>
        <location filename="../app/gui/PresentationStateSaving.cpp" line="49"/>
        <source>The presentation state was not sent to %1: %2</source>
        <translation>Der Präsentationszustand wurde nicht an %1 gesendet: %2</translation>
    </message>
    <message>
        <location filename="../app/gui/PresentationStateSaving.cpp" line="59"/>
        <source>presentation state</source>
        <translation>Präsentationszustand</translation>
    </message>
    <message>
        <location filename="../app/gui/PresentationStateSaving.cpp" line="71"/>
        <source>Send %1 to %2</source>
        <translation>%1 an %2 senden</translation>
    </message>
    <message>
        <location filename="../app/gui/PresentationStateSaving.cpp" line="83"/>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <location filename="../app/gui/PresentationStateSaving.cpp" line="110"/>
        <source>Annotations on MPR planes</source>
        <translation>Annotationen auf MPR-Ebenen</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/PresentationStateSaving.cpp" line="111"/>
        <source>%n MPR plane(s) carry annotations that lie on none of the series&apos; stored images. A presentation state can only reference stored images, so they are not in the saved state.

Save each such plane as a derived image (a new series of the study) with a presentation state of its own?</source>
        <translation>
            <numerusform>%n MPR-Ebene trägt Annotationen, die auf keinem gespeicherten Bild der Serie liegen. Ein Präsentationszustand kann nur gespeicherte Bilder referenzieren, daher sind sie nicht im gespeicherten Zustand enthalten.

Diese Ebene als abgeleitetes Bild (eine neue Serie der Studie) mit einem eigenen Präsentationszustand speichern?</numerusform>
            <numerusform>%n MPR-Ebenen tragen Annotationen, die auf keinem gespeicherten Bild der Serie liegen. Ein Präsentationszustand kann nur gespeicherte Bilder referenzieren, daher sind sie nicht im gespeicherten Zustand enthalten.

Jede dieser Ebenen als abgeleitetes Bild (eine neue Serie der Studie) mit einem eigenen Präsentationszustand speichern?</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/gui/PresentationStateSaving.cpp" line="127"/>
        <source>No archive is open: the MPR planes were not saved.</source>
        <translation>Kein Archiv geöffnet: Die MPR-Ebenen wurden nicht gespeichert.</translation>
    </message>
    <message>
        <location filename="../app/gui/PresentationStateSaving.cpp" line="136"/>
        <source>The MPR planes were not saved: %1</source>
        <translation>Die MPR-Ebenen wurden nicht gespeichert: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/PresentationStateSaving.cpp" line="145"/>
        <source>An MPR plane was not saved: %1</source>
        <translation>Eine MPR-Ebene wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/PresentationStateSaving.cpp" line="150"/>
        <source>derived MPR image</source>
        <translation>abgeleitetes MPR-Bild</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/PresentationStateSaving.cpp" line="154"/>
        <source>%n MPR plane(s) saved as derived images with their presentation states</source>
        <translation>
            <numerusform>%n MPR-Ebene als abgeleitetes Bild mit ihrem Präsentationszustand gespeichert</numerusform>
            <numerusform>%n MPR-Ebenen als abgeleitete Bilder mit ihren Präsentationszuständen gespeichert</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/gui/PresentationStateSaving.cpp" line="185"/>
        <source>No archive is open: the presentation state was not stored.</source>
        <translation>Kein Archiv geöffnet: Der Präsentationszustand wurde nicht gespeichert.</translation>
    </message>
    <message>
        <location filename="../app/gui/PresentationStateSaving.cpp" line="193"/>
        <location filename="../app/gui/PresentationStateSaving.cpp" line="197"/>
        <source>The presentation state was not stored: %1</source>
        <translation>Der Präsentationszustand wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/PresentationStateSaving.cpp" line="200"/>
        <source>(stored in the archive)</source>
        <translation>(im Archiv gespeichert)</translation>
    </message>
    <message>
        <location filename="../app/gui/PresentationStateSaving.cpp" line="204"/>
        <source>sending to %1</source>
        <translation>wird an %1 gesendet</translation>
    </message>
</context>
<context>
    <name>lightbox::app::MainWindow</name>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="43"/>
        <location filename="../app/gui/MainWindow.cpp" line="230"/>
        <location filename="../app/gui/MainWindow.cpp" line="355"/>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="117"/>
        <source>Lightbox</source>
        <translation>Lightbox</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="47"/>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="48"/>
        <source>Reading (MPR, 3D)</source>
        <translation>Befundung (MPR, 3D)</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="61"/>
        <source>Studies</source>
        <translation>Studien</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="76"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="77"/>
        <source>&amp;Open Folder or DICOMDIR...</source>
        <translation>Ordner oder DICOMDIR &amp;öffnen...</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="78"/>
        <source>&amp;Import Folder into Archive...</source>
        <translation>Ordner ins &amp;Archiv importieren...</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="79"/>
        <source>Import &amp;Files, DICOMDIR or Zip...</source>
        <translation>&amp;Dateien, DICOMDIR oder Zip importieren...</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="80"/>
        <source>&amp;Receive from Network (Storage SCP)</source>
        <translation>Aus dem &amp;Netzwerk empfangen (Storage SCP)</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="83"/>
        <source>Remote &amp;Nodes...</source>
        <translation>&amp;Gegenstellen...</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="86"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="87"/>
        <source>&amp;Display QC</source>
        <translation>&amp;Monitor-QS</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="88"/>
        <source>QC &amp;Wizard...</source>
        <translation>QS-&amp;Assistent...</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="95"/>
        <source>QC &amp;History...</source>
        <translation>QS-&amp;Verlauf...</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="97"/>
        <source>10-bit &amp;Output Check (TG18-MP)...</source>
        <translation>10-Bit-Ausgabe&amp;prüfung (TG18-MP)...</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="103"/>
        <source>No archive open</source>
        <translation>Kein Archiv geöffnet</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="113"/>
        <source>Image %1 of %2</source>
        <translation>Bild %1 von %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/MainWindow.cpp" line="168"/>
        <source>Archive: %n patient(s)</source>
        <translation>
            <numerusform>Archiv: %n Patient</numerusform>
            <numerusform>Archiv: %n Patienten</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="170"/>
        <source>(receiving)</source>
        <translation>(empfängt)</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="230"/>
        <location filename="../app/gui/MainWindow.cpp" line="248"/>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="117"/>
        <source>No archive is open.</source>
        <translation>Kein Archiv geöffnet.</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="233"/>
        <source>Import DICOM folder into the archive</source>
        <translation>DICOM-Ordner ins Archiv importieren</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="275"/>
        <source>Receiving as %1 on port %2</source>
        <translation>Empfang als %1 auf Port %2</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="302"/>
        <source>Receive from Network</source>
        <translation>Aus dem Netzwerk empfangen</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="309"/>
        <source>Open DICOM folder</source>
        <translation>DICOM-Ordner öffnen</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="316"/>
        <source>Reading %1...</source>
        <translation>%1 wird gelesen...</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="316"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/MainWindow.cpp" line="358"/>
        <source>%n patient(s)</source>
        <translation>
            <numerusform>%n Patient</numerusform>
            <numerusform>%n Patienten</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="373"/>
        <source>Unknown layout %1 (1x1, 1x2, 2x2, 3x3, mpr)</source>
        <translation>Unbekanntes Layout %1 (1x1, 1x2, 2x2, 3x3, mpr)</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="373"/>
        <source>No archive is open</source>
        <translation>Kein Archiv geöffnet</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="387"/>
        <source>The archive has no study %1</source>
        <translation>Das Archiv enthält keine Studie %1</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="398"/>
        <source>The study has no series that forms a volume</source>
        <translation>Die Studie hat keine Serie, die ein Volumen bildet</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/MainWindow.cpp" line="169"/>
        <location filename="../app/gui/MainWindow.cpp" line="359"/>
        <source>%n series</source>
        <translation>
            <numerusform>%n Serie</numerusform>
            <numerusform>%n Serien</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/MainWindow.cpp" line="360"/>
        <source>%n file(s) skipped</source>
        <translation>
            <numerusform>%n Datei übersprungen</numerusform>
            <numerusform>%n Dateien übersprungen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="34"/>
        <source>Tasks</source>
        <translation>Aufgaben</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="51"/>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="63"/>
        <source>Recent &amp;Studies</source>
        <translation>&amp;Zuletzt geöffnete Studien</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="67"/>
        <source>&amp;Settings...</source>
        <translation>&amp;Einstellungen...</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="70"/>
        <source>&amp;Study</source>
        <translation>&amp;Studie</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="71"/>
        <source>&amp;Find Studies</source>
        <translation>Studien &amp;suchen</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="76"/>
        <source>&amp;Open Selected Study</source>
        <translation>Ausgewählte Studie ö&amp;ffnen</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="80"/>
        <source>&amp;Next Study</source>
        <translation>&amp;Nächste Studie</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="81"/>
        <source>&amp;Previous Study</source>
        <translation>&amp;Vorherige Studie</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="82"/>
        <source>&amp;Retrieve Selected Study</source>
        <translation>Ausgewählte Studie &amp;abrufen</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="85"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="86"/>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="95"/>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="103"/>
        <source>Opening %1...</source>
        <translation>%1 wird geöffnet...</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="120"/>
        <source>Import DICOM files, DICOMDIR or zip into the archive</source>
        <translation>DICOM-Dateien, DICOMDIR oder Zip ins Archiv importieren</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="121"/>
        <source>DICOM, DICOMDIR and zip (*.dcm *.DCM DICOMDIR *.zip);;All files (*)</source>
        <translation>DICOM, DICOMDIR und Zip (*.dcm *.DCM DICOMDIR *.zip);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="139"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="142"/>
        <source>The new archive location is used from the next start.</source>
        <translation>Der neue Archivort gilt ab dem nächsten Start.</translation>
    </message>
    <message>
        <location filename="../app/gui/StudyOpening.cpp" line="238"/>
        <source>Hanging protocol skipped: %1</source>
        <translation>Hängeprotokoll übersprungen: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/StudyOpening.cpp" line="196"/>
        <source>The study has no images</source>
        <translation>Die Studie enthält keine Bilder</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/StudyOpening.cpp" line="166"/>
        <source>%n relevant prior(s) in the archive</source>
        <translation>
            <numerusform>%n relevante Voraufnahme im Archiv</numerusform>
            <numerusform>%n relevante Voraufnahmen im Archiv</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/gui/StudyOpening.cpp" line="250"/>
        <source>Cancel prior fetch</source>
        <translation>Abruf der Voraufnahmen abbrechen</translation>
    </message>
    <message>
        <location filename="../app/gui/StudyOpening.cpp" line="320"/>
        <source>Looking for priors on the remote nodes...</source>
        <translation>Voraufnahmen auf den Gegenstellen werden gesucht...</translation>
    </message>
</context>
<context>
    <name>lightbox::app::OutputDepthDialog</name>
    <message>
        <location filename="../app/gui/OutputDepthDialog.cpp" line="14"/>
        <source>10-bit Output Check (TG18-MP)</source>
        <translation>10-Bit-Ausgabeprüfung (TG18-MP)</translation>
    </message>
    <message>
        <location filename="../app/gui/OutputDepthDialog.cpp" line="16"/>
        <source>The synthetic TG18-MP pattern (after AAPM TG18, 10-bit) is shown at 1:1 through the same output path as every image. With 10 bits, each ramp shows the short markers of the 10-bit steps between the long 8-bit ones and no contouring.</source>
        <translation>Das synthetische TG18-MP-Testbild (nach AAPM TG18, 10 Bit) wird 1:1 über denselben Ausgabepfad wie jedes Bild dargestellt. Mit 10 Bit zeigt jeder Keil die kurzen Marken der 10-Bit-Stufen zwischen den langen 8-Bit-Marken und keine Konturen.</translation>
    </message>
    <message>
        <location filename="../app/gui/OutputDepthDialog.cpp" line="25"/>
        <source>Measuring...</source>
        <translation>Messung läuft...</translation>
    </message>
    <message>
        <location filename="../app/gui/OutputDepthDialog.cpp" line="31"/>
        <source>Measure Again</source>
        <translation>Erneut messen</translation>
    </message>
</context>
<context>
    <name>lightbox::app::PresentationStateDestinationsWidget</name>
    <message>
        <location filename="../app/gui/PresentationStateSending.cpp" line="103"/>
        <source>Node</source>
        <translation>Gegenstelle</translation>
    </message>
    <message>
        <location filename="../app/gui/PresentationStateSending.cpp" line="103"/>
        <source>Method</source>
        <translation>Verfahren</translation>
    </message>
    <message>
        <location filename="../app/gui/PresentationStateSending.cpp" line="103"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location filename="../app/gui/PresentationStateSending.cpp" line="105"/>
        <source>No remote nodes are configured (File &gt; Remote Nodes): saved presentation states stay in the archive.</source>
        <translation>Keine Gegenstellen eingerichtet (Datei &gt; Gegenstellen): Gespeicherte Präsentationszustände bleiben im Archiv.</translation>
    </message>
</context>
<context>
    <name>lightbox::app::PresentationStateSaving</name>
    <message>
        <location filename="../app/gui/PresentationStateSaving.cpp" line="211"/>
        <source>Save &amp;&amp; Send Presentation State...</source>
        <translation>Präsentationszustand speichern &amp;&amp; senden...</translation>
    </message>
</context>
<context>
    <name>lightbox::app::RecentStudies</name>
    <message>
        <location filename="../app/gui/RecentStudies.cpp" line="49"/>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <location filename="../app/gui/RecentStudies.cpp" line="60"/>
        <source>Clear Recent Studies</source>
        <translation>Liste leeren</translation>
    </message>
</context>
<context>
    <name>lightbox::app::RegistrationWiring</name>
    <message>
        <location filename="../app/gui/RegistrationWiring.cpp" line="107"/>
        <source>Prior registered (from the cache)</source>
        <translation>Voraufnahme registriert (aus dem Zwischenspeicher)</translation>
    </message>
    <message>
        <location filename="../app/gui/RegistrationWiring.cpp" line="109"/>
        <source>Registering the prior to the current series…</source>
        <translation>Voraufnahme wird auf die aktuelle Serie registriert…</translation>
    </message>
    <message>
        <location filename="../app/gui/RegistrationWiring.cpp" line="119"/>
        <source>Registering the prior to the current series… %1%</source>
        <translation>Voraufnahme wird auf die aktuelle Serie registriert… %1%</translation>
    </message>
    <message>
        <location filename="../app/gui/RegistrationWiring.cpp" line="133"/>
        <source>Prior registered in %1 s (residual %2 mm)</source>
        <translation>Voraufnahme in %1 s registriert (Restfehler %2 mm)</translation>
    </message>
    <message>
        <location filename="../app/gui/RegistrationWiring.cpp" line="190"/>
        <source>The sync offset is not kept: %1</source>
        <translation>Der Sync-Versatz wird nicht beibehalten: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/RegistrationWiring.cpp" line="196"/>
        <source>The prior could not be registered (%1): it scrolls by table position</source>
        <translation>Die Voraufnahme konnte nicht registriert werden (%1): Sie blättert nach Tischposition</translation>
    </message>
</context>
<context>
    <name>lightbox::app::RemoteNodesDialog</name>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="50"/>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="56"/>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="301"/>
        <source>Remote Nodes</source>
        <translation>Gegenstellen</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="56"/>
        <source>The nodes file cannot be read:
%1</source>
        <translation>Die Gegenstellen-Datei kann nicht gelesen werden:
%1</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="62"/>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="64"/>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="85"/>
        <source>Use TLS</source>
        <translation>TLS verwenden</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="92"/>
        <source>C-MOVE</source>
        <translation>C-MOVE</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="93"/>
        <source>C-GET</source>
        <translation>C-GET</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="94"/>
        <source>WADO-RS</source>
        <translation>WADO-RS</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="96"/>
        <source>http://pacs.example.org:8042/dicom-web</source>
        <translation>http://pacs.example.org:8042/dicom-web</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="99"/>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="100"/>
        <source>Basic (user and password)</source>
        <translation>Basic (Benutzer und Passwort)</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="101"/>
        <source>Bearer token</source>
        <translation>Bearer-Token</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="110"/>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="114"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="116"/>
        <source>DICOM (DIMSE)</source>
        <translation>DICOM (DIMSE)</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="118"/>
        <source>AE title:</source>
        <translation>AE-Titel:</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="119"/>
        <source>Host:</source>
        <translation>Host:</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="120"/>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="122"/>
        <source>Certificate:</source>
        <translation>Zertifikat:</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="122"/>
        <source>Our TLS certificate (PEM)</source>
        <translation>Eigenes TLS-Zertifikat (PEM)</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="123"/>
        <source>Private key:</source>
        <translation>Privater Schlüssel:</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="123"/>
        <source>Its private key (PEM)</source>
        <translation>Zugehöriger privater Schlüssel (PEM)</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="124"/>
        <source>Trusted CAs:</source>
        <translation>Vertrauenswürdige CAs:</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="124"/>
        <source>Trusted CA certificates (PEM)</source>
        <translation>Vertrauenswürdige CA-Zertifikate (PEM)</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="125"/>
        <source>DICOMweb</source>
        <translation>DICOMweb</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="127"/>
        <source>Base URL:</source>
        <translation>Basis-URL:</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="128"/>
        <source>Authentication:</source>
        <translation>Authentifizierung:</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="129"/>
        <source>User:</source>
        <translation>Benutzer:</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="130"/>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="131"/>
        <source>Token:</source>
        <translation>Token:</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="133"/>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="134"/>
        <source>Retrieve by:</source>
        <translation>Abruf per:</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="135"/>
        <source>Connect timeout:</source>
        <translation>Zeitlimit Verbindung:</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="136"/>
        <source>Response timeout:</source>
        <translation>Zeitlimit Antwort:</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="138"/>
        <source>&amp;Test Connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="144"/>
        <source>Cancel Test</source>
        <translation>Test abbrechen</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="183"/>
        <source>Success: </source>
        <translation>Erfolgreich: </translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="183"/>
        <source>Failed: </source>
        <translation>Fehlgeschlagen: </translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="208"/>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="277"/>
        <source>New node %1</source>
        <translation>Neue Gegenstelle %1</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="301"/>
        <source>The nodes cannot be saved:
%1</source>
        <translation>Die Gegenstellen können nicht gespeichert werden:
%1</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="322"/>
        <source>Testing %1...</source>
        <translation>%1 wird getestet...</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="334"/>
        <source>C-ECHO answered</source>
        <translation>C-ECHO beantwortet</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="338"/>
        <source>QIDO-RS answered</source>
        <translation>QIDO-RS beantwortet</translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="344"/>
        <source>; </source>
        <translation>; </translation>
    </message>
</context>
<context>
    <name>lightbox::app::SaveAndSendDialog</name>
    <message>
        <location filename="../app/gui/PresentationStateSending.cpp" line="155"/>
        <source>Save and Send Presentation State</source>
        <translation>Präsentationszustand speichern und senden</translation>
    </message>
    <message>
        <location filename="../app/gui/PresentationStateSending.cpp" line="157"/>
        <source>The presentation state is stored in the archive and sent to the checked destinations:</source>
        <translation>Der Präsentationszustand wird im Archiv gespeichert und an die markierten Ziele gesendet:</translation>
    </message>
    <message>
        <location filename="../app/gui/PresentationStateSending.cpp" line="162"/>
        <source>Send future presentation states (Ctrl+S) to these too</source>
        <translation>Künftige Präsentationszustände (Strg+S) ebenfalls hierhin senden</translation>
    </message>
    <message>
        <location filename="../app/gui/PresentationStateSending.cpp" line="166"/>
        <source>Save &amp;&amp; Send</source>
        <translation>Speichern &amp;&amp; senden</translation>
    </message>
</context>
<context>
    <name>lightbox::app::SettingsDialog</name>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="49"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="52"/>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="53"/>
        <source>Archive</source>
        <translation>Archiv</translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="54"/>
        <source>Display</source>
        <translation>Monitor</translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="55"/>
        <source>Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="79"/>
        <source>Local AE title:</source>
        <translation>Lokaler AE-Titel:</translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="80"/>
        <source>Listening port (Storage SCP, C-MOVE destination):</source>
        <translation>Empfangsport (Storage SCP, C-MOVE-Ziel):</translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="81"/>
        <source>Remote Nodes...</source>
        <translation>Gegenstellen...</translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="90"/>
        <source>PACS and other nodes:</source>
        <translation>PACS und andere Gegenstellen:</translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="91"/>
        <source>Remote nodes must know this AE title, host and port to send retrieved studies here (C-MOVE).</source>
        <translation>Gegenstellen müssen diesen AE-Titel, Host und Port kennen, um abgerufene Studien hierher zu senden (C-MOVE).</translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="103"/>
        <source>Send presentation states to:</source>
        <translation>Präsentationszustände senden an:</translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="113"/>
        <source>Default (the user&apos;s data folder)</source>
        <translation>Standard (Datenordner des Benutzers)</translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="114"/>
        <source>Browse...</source>
        <translation>Durchsuchen...</translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="116"/>
        <source>Archive folder</source>
        <translation>Archivordner</translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="121"/>
        <source>Archive folder:</source>
        <translation>Archivordner:</translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="122"/>
        <source>A new location takes effect the next time Lightbox starts; the --archive option overrides it.</source>
        <translation>Ein neuer Ort gilt ab dem nächsten Start von Lightbox; die Option --archive hat Vorrang.</translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="132"/>
        <source>Diagnostic displays are calibrated to the DICOM Grayscale Standard Display Function and checked by the QC tests; the reading viewports apply each display&apos;s calibration.</source>
        <translation>Befundmonitore werden auf die DICOM Grayscale Standard Display Function (GSDF) kalibriert und mit den QS-Prüfungen kontrolliert; die Befundungsansichten wenden die Kalibrierung des jeweiligen Monitors an.</translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="152"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="152"/>
        <source>Shortcut</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="158"/>
        <source>Shortcut:</source>
        <translation>Tastenkürzel:</translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="162"/>
        <source>Assign</source>
        <translation>Zuweisen</translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="163"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="164"/>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="165"/>
        <source>Reset All</source>
        <translation>Alle zurücksetzen</translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="218"/>
        <source>Default: %1</source>
        <translation>Standard: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="246"/>
        <source>%1 is already the shortcut of &quot;%2&quot; (%3). Give that action another key first.</source>
        <translation>%1 ist bereits das Tastenkürzel von „%2“ (%3). Weisen Sie dieser Aktion zuerst eine andere Taste zu.</translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="255"/>
        <source>Shortcut removed.</source>
        <translation>Tastenkürzel entfernt.</translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="255"/>
        <source>%1 assigned.</source>
        <translation>%1 zugewiesen.</translation>
    </message>
</context>
<context>
    <name>lightbox::app::StudySearchPanel</name>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="127"/>
        <source>Patient name (SMITH, SM*TH, *ANNA)</source>
        <translation>Patientenname (MÜLLER, M*LLER, *ANNA)</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="131"/>
        <location filename="../app/gui/StudySearchPanel.cpp" line="198"/>
        <source>Patient ID</source>
        <translation>Patienten-ID</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="135"/>
        <location filename="../app/gui/StudySearchPanel.cpp" line="199"/>
        <source>Accession</source>
        <translation>Auftragsnummer</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="140"/>
        <source>Any modality</source>
        <translation>Alle Modalitäten</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="148"/>
        <location filename="../app/gui/StudySearchPanel.cpp" line="198"/>
        <source>Study date</source>
        <translation>Studiendatum</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="163"/>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="163"/>
        <source>Yesterday</source>
        <translation>Gestern</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="163"/>
        <source>7 days</source>
        <translation>7 Tage</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="164"/>
        <source>30 days</source>
        <translation>30 Tage</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="164"/>
        <source>1 year</source>
        <translation>1 Jahr</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="164"/>
        <source>Any</source>
        <translation>Beliebig</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="181"/>
        <source>Search in</source>
        <translation>Suchen in</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="184"/>
        <source>Local archive</source>
        <translation>Lokales Archiv</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="185"/>
        <source>Local archive and all remote nodes</source>
        <translation>Lokales Archiv und alle Gegenstellen</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="187"/>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="198"/>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="198"/>
        <source>Modality</source>
        <translation>Modalität</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="198"/>
        <source>Location</source>
        <translation>Ort</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="199"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="199"/>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="238"/>
        <source>Retrieve</source>
        <translation>Abrufen</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="240"/>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="291"/>
        <source>Remote node %1</source>
        <translation>Gegenstelle %1</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="377"/>
        <source>nodes file</source>
        <translation>Gegenstellen-Datei</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="485"/>
        <source>Local</source>
        <translation>Lokal</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="488"/>
        <source>On remote node %1: Retrieve copies it into the archive</source>
        <translation>Auf Gegenstelle %1: „Abrufen“ kopiert sie ins Archiv</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="510"/>
        <source>Searching the archive...</source>
        <translation>Archiv wird durchsucht...</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="511"/>
        <source>Archive: %1</source>
        <translation>Archiv: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="512"/>
        <source>Local archive: the first %1 (narrow the search)</source>
        <translation>Lokales Archiv: die ersten %1 (Suche eingrenzen)</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="513"/>
        <source>Local archive: %1</source>
        <translation>Lokales Archiv: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="515"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="516"/>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="517"/>
        <source>nodes still searching: %1</source>
        <translation>Gegenstellen suchen noch: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="588"/>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="589"/>
        <source>(no description)</source>
        <translation>(keine Beschreibung)</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="594"/>
        <source>(on %1: Retrieve copies it here with its series)</source>
        <translation>(auf %1: „Abrufen“ kopiert sie mit ihren Serien hierher)</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="633"/>
        <source>%1 %2
%3 · images: %4</source>
        <translation>%1 %2
%3 · Bilder: %4</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="644"/>
        <source>...</source>
        <translation>...</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="679"/>
        <source>no image</source>
        <translation>kein Bild</translation>
    </message>
</context>
<context>
    <name>lightbox::app::TaskPanel</name>
    <message>
        <location filename="../app/gui/ArchiveTasks.cpp" line="16"/>
        <source>Import %1</source>
        <translation>Import %1</translation>
    </message>
    <message>
        <location filename="../app/gui/ArchiveTasks.cpp" line="17"/>
        <source>Import of %1 items</source>
        <translation>Import von %1 Elementen</translation>
    </message>
    <message>
        <location filename="../app/gui/ArchiveTasks.cpp" line="23"/>
        <source>%1 of %2 objects</source>
        <translation>%1 von %2 Objekten</translation>
    </message>
    <message>
        <location filename="../app/gui/ArchiveTasks.cpp" line="29"/>
        <source>%1: kept aside as a conflict (%2)</source>
        <translation>%1: als Konflikt zurückgestellt (%2)</translation>
    </message>
    <message>
        <location filename="../app/gui/ArchiveTasks.cpp" line="32"/>
        <source>%1 imported, %2 already held, %3 rejected</source>
        <translation>%1 importiert, %2 bereits vorhanden, %3 abgewiesen</translation>
    </message>
    <message>
        <location filename="../app/gui/ArchiveTasks.cpp" line="41"/>
        <source>Retrieve %1 from %2</source>
        <translation>%1 von %2 abrufen</translation>
    </message>
    <message>
        <location filename="../app/gui/ArchiveTasks.cpp" line="58"/>
        <source>Listing</source>
        <translation>Auflisten</translation>
    </message>
    <message>
        <location filename="../app/gui/ArchiveTasks.cpp" line="59"/>
        <source>Verifying</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <location filename="../app/gui/ArchiveTasks.cpp" line="60"/>
        <source>Retrieving</source>
        <translation>Abrufen</translation>
    </message>
    <message>
        <location filename="../app/gui/ArchiveTasks.cpp" line="62"/>
        <source>%1: %2 of %3 objects</source>
        <translation>%1: %2 von %3 Objekten</translation>
    </message>
    <message>
        <location filename="../app/gui/ArchiveTasks.cpp" line="65"/>
        <source>%1 retrieved, %2 already held (%3)</source>
        <translation>%1 abgerufen, %2 bereits vorhanden (%3)</translation>
    </message>
    <message>
        <location filename="../app/gui/TaskPanel.cpp" line="64"/>
        <source>Clear Finished</source>
        <translation>Beendete entfernen</translation>
    </message>
    <message>
        <location filename="../app/gui/TaskPanel.cpp" line="77"/>
        <source>No tasks. Imports and retrieves appear here with their progress.</source>
        <translation>Keine Aufgaben. Importe und Abrufe erscheinen hier mit ihrem Fortschritt.</translation>
    </message>
    <message>
        <location filename="../app/gui/TaskPanel.cpp" line="97"/>
        <source>Starting...</source>
        <translation>Wird gestartet...</translation>
    </message>
    <message>
        <location filename="../app/gui/TaskPanel.cpp" line="116"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../app/gui/TaskPanel.cpp" line="190"/>
        <location filename="../app/gui/TaskPanel.cpp" line="218"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location filename="../app/gui/TaskPanel.cpp" line="191"/>
        <location filename="../app/gui/TaskPanel.cpp" line="219"/>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location filename="../app/gui/TaskPanel.cpp" line="191"/>
        <source>Cancelled: %1</source>
        <translation>Abgebrochen: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/TaskPanel.cpp" line="193"/>
        <location filename="../app/gui/TaskPanel.cpp" line="220"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../app/gui/TaskPanel.cpp" line="211"/>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <location filename="../app/gui/TaskPanel.cpp" line="221"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../app/gui/TaskPanel.cpp" line="226"/>
        <source>... and %1 more</source>
        <translation>... und %1 weitere</translation>
    </message>
    <message>
        <location filename="../app/gui/TaskPanel.cpp" line="234"/>
        <source>Running: %1</source>
        <translation>Laufend: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/TaskPanel.cpp" line="234"/>
        <source>No tasks. Imports and retrieves appear here.</source>
        <translation>Keine Aufgaben. Importe und Abrufe erscheinen hier.</translation>
    </message>
    <message>
        <location filename="../app/gui/TaskPanel.cpp" line="234"/>
        <source>All tasks ended.</source>
        <translation>Alle Aufgaben beendet.</translation>
    </message>
    <message>
        <location filename="../app/gui/TaskPanel.cpp" line="243"/>
        <source>Cancelling...</source>
        <translation>Wird abgebrochen...</translation>
    </message>
</context>
<context>
    <name>lightbox::qc</name>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="106"/>
        <source>constancy test</source>
        <translation>Konstanzprüfung</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="107"/>
        <source>visual check</source>
        <translation>Sichtprüfung</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="108"/>
        <source>acceptance test</source>
        <translation>Abnahmeprüfung</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="118"/>
        <source>Display QC report</source>
        <translation>Prüfbericht Monitor-QS</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="127"/>
        <source>Display QC report: %1</source>
        <translation>Prüfbericht Monitor-QS: %1</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="133"/>
        <source>Result: PASS</source>
        <translation>Ergebnis: BESTANDEN</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="133"/>
        <source>Result: FAIL</source>
        <translation>Ergebnis: NICHT BESTANDEN</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="136"/>
        <location filename="../app/qc/QcReport.cpp" line="139"/>
        <location filename="../app/qc/QcReport.cpp" line="220"/>
        <source>Display</source>
        <translation>Monitor</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="140"/>
        <source>Identity key</source>
        <translation>Identitätsschlüssel</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="141"/>
        <source>Manufacturer / product code</source>
        <translation>Hersteller / Produktcode</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="142"/>
        <source>Serial number</source>
        <translation>Seriennummer</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="143"/>
        <source>Manufactured</source>
        <translation>Hergestellt</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="144"/>
        <source>Native size / screen size</source>
        <translation>Native Auflösung / Bildschirmgröße</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="146"/>
        <location filename="../app/qc/QcReport.cpp" line="164"/>
        <source>Item</source>
        <translation>Angabe</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="146"/>
        <location filename="../app/qc/QcReport.cpp" line="164"/>
        <location filename="../app/qc/QcReport.cpp" line="178"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="148"/>
        <source>Conditions</source>
        <translation>Bedingungen</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="150"/>
        <location filename="../app/qc/QcReport.cpp" line="235"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="151"/>
        <source>Performed by</source>
        <translation>Durchgeführt von</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="152"/>
        <source>Institution</source>
        <translation>Einrichtung</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="153"/>
        <source>Meter</source>
        <translation>Messgerät</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="154"/>
        <source>Ambient luminance (reflected)</source>
        <translation>Umgebungsleuchtdichte (reflektiert)</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="155"/>
        <source>Ambient illuminance</source>
        <translation>Umgebungsbeleuchtungsstärke</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="156"/>
        <source>Criteria profile</source>
        <translation>Kriterienprofil</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="160"/>
        <source>L&apos;min / L&apos;max / LR&apos;</source>
        <translation>L&apos;min / L&apos;max / LR&apos;</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="161"/>
        <source>JNDs between L&apos;min and L&apos;max</source>
        <translation>JNDs zwischen L&apos;min und L&apos;max</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="163"/>
        <source>Notes</source>
        <translation>Bemerkungen</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="166"/>
        <source>Criteria</source>
        <translation>Kriterien</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="171"/>
        <source> (advisory)</source>
        <translation> (Empfehlung)</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="178"/>
        <source>Criterion</source>
        <translation>Kriterium</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="178"/>
        <source>Limit</source>
        <translation>Grenzwert</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="178"/>
        <source>Verdict</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="185"/>
        <source>* limit marked for checking against the primary text (see the profile file)</source>
        <translation>* Grenzwert zur Prüfung gegen den Originaltext markiert (siehe Profildatei)</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="189"/>
        <source>Contrast response</source>
        <translation>Kontrastantwort</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="203"/>
        <source>No luminance-response readings.</source>
        <translation>Keine Messwerte zur Leuchtdichtekennlinie.</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="205"/>
        <source>Uniformity</source>
        <translation>Gleichförmigkeit</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="209"/>
        <source>No uniformity readings.</source>
        <translation>Keine Messwerte zur Gleichförmigkeit.</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="212"/>
        <source>Readings</source>
        <translation>Messwerte</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="220"/>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="220"/>
        <source>L (cd/m²)</source>
        <translation>L (cd/m²)</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="220"/>
        <source>L&apos; with ambient</source>
        <translation>L&apos; mit Umgebung</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="220"/>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="220"/>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="227"/>
        <source>Performed by: %1</source>
        <translation>Durchgeführt von: %1</translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="234"/>
        <source>Signature</source>
        <translation>Unterschrift</translation>
    </message>
</context>
<context>
    <name>lightbox::qc::HistoryView</name>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="89"/>
        <source>Display QC history</source>
        <translation>QS-Verlauf des Monitors</translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="93"/>
        <source>Display:</source>
        <translation>Monitor:</translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="95"/>
        <source>PDF report of the selected test...</source>
        <translation>PDF-Bericht der gewählten Prüfung...</translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="96"/>
        <source>Export as DICOM Display System JSON...</source>
        <translation>Als DICOM-Display-System-JSON exportieren...</translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="105"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="105"/>
        <source>Test</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="105"/>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="105"/>
        <source>Performed by</source>
        <translation>Durchgeführt von</translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="105"/>
        <source>Meter</source>
        <translation>Messgerät</translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="106"/>
        <source>Readings</source>
        <translation>Messwerte</translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="106"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="124"/>
        <location filename="../app/qc/HistoryView.cpp" line="126"/>
        <source>QC report</source>
        <translation>QS-Bericht</translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="124"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="131"/>
        <source>Display System JSON</source>
        <translation>Display-System-JSON</translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="131"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="165"/>
        <source>pass</source>
        <translation>bestanden</translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="165"/>
        <source>FAIL</source>
        <translation>NICHT BESTANDEN</translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="169"/>
        <source>L&apos;max (cd/m²) and LR&apos;</source>
        <translation>L&apos;max (cd/m²) und LR&apos;</translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="170"/>
        <source>L&apos;max</source>
        <translation>L&apos;max</translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="171"/>
        <source>LR&apos;</source>
        <translation>LR&apos;</translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="172"/>
        <source>contrast-response error (%) and ambient (cd/m² x 100)</source>
        <translation>Kontrastantwort-Abweichung (%) und Umgebung (cd/m² x 100)</translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="173"/>
        <source>max |dL/L error| %</source>
        <translation>max. |dL/L-Abweichung| %</translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="177"/>
        <source>ambient x 100</source>
        <translation>Umgebung x 100</translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="186"/>
        <source>%1 test: due %2</source>
        <translation>Prüfung „%1“: fällig am %2</translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="187"/>
        <source> (never done)</source>
        <translation> (noch nie durchgeführt)</translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="188"/>
        <source> - OVERDUE by %1 days</source>
        <translation> – seit %1 Tagen ÜBERFÄLLIG</translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="189"/>
        <source> (in %1 days)</source>
        <translation> (in %1 Tagen)</translation>
    </message>
</context>
<context>
    <name>lightbox::qc::PatternWindow</name>
    <message>
        <location filename="../app/qc/PatternWindow.cpp" line="11"/>
        <source>Lightbox test pattern</source>
        <translation>Lightbox-Testbild</translation>
    </message>
</context>
<context>
    <name>lightbox::qc::QcWizard</name>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="90"/>
        <source>Display QC</source>
        <translation>Monitor-QS</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="120"/>
        <source>Display and test</source>
        <translation>Monitor und Prüfung</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="121"/>
        <source>Choose the display to test, the test and its criteria, who performs it and the meter.</source>
        <translation>Wählen Sie den zu prüfenden Monitor, die Prüfung und ihre Kriterien, wer sie durchführt und das Messgerät.</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="129"/>
        <source>Acceptance test</source>
        <translation>Abnahmeprüfung</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="130"/>
        <source>Constancy test (compared with the last acceptance)</source>
        <translation>Konstanzprüfung (Vergleich mit der letzten Abnahme)</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="131"/>
        <source>Visual daily check (TG18-QC)</source>
        <translation>Tägliche Sichtprüfung (TG18-QC)</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="136"/>
        <source>name of the person performing the test</source>
        <translation>Name der prüfenden Person</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="138"/>
        <source>Simulated meter (calibrated demo panel)</source>
        <translation>Simuliertes Messgerät (kalibrierter Demo-Monitor)</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="139"/>
        <source>Colorimeter through ArgyllCMS spotread</source>
        <translation>Kolorimeter über ArgyllCMS spotread</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="140"/>
        <source>Import readings from a CSV file</source>
        <translation>Messwerte aus CSV-Datei importieren</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="141"/>
        <source>Manual entry (type each reading)</source>
        <translation>Manuelle Eingabe (jeden Messwert eintippen)</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="144"/>
        <source> lx</source>
        <translation> lx</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="151"/>
        <source> cd/m² per lx</source>
        <translation> cd/m² pro lx</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="152"/>
        <source>Measure ambient</source>
        <translation>Umgebung messen</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="155"/>
        <source>reflection coefficient</source>
        <translation>Reflexionskoeffizient</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="159"/>
        <source>Display:</source>
        <translation>Monitor:</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="162"/>
        <source>Test:</source>
        <translation>Prüfung:</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="163"/>
        <source>Criteria profile:</source>
        <translation>Kriterienprofil:</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="164"/>
        <source>Performed by:</source>
        <translation>Durchgeführt von:</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="165"/>
        <source>Meter:</source>
        <translation>Messgerät:</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="166"/>
        <source>Ambient illuminance:</source>
        <translation>Umgebungsbeleuchtungsstärke:</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="175"/>
        <source>%1
identity %2, %3 x %4 pixels</source>
        <translation>%1
Kennung %2, %3 x %4 Pixel</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="221"/>
        <source>Readings CSV</source>
        <translation>Messwerte-CSV</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="221"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="239"/>
        <location filename="../app/qc/QcWizard.cpp" line="258"/>
        <source>Ambient</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="240"/>
        <source>This meter does not measure illuminance; type the value.</source>
        <translation>Dieses Messgerät misst keine Beleuchtungsstärke; bitte den Wert eingeben.</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="269"/>
        <source>Measurements</source>
        <translation>Messungen</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="283"/>
        <source>Pattern</source>
        <translation>Testbild</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="283"/>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="283"/>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="283"/>
        <source>Luminance (cd/m²)</source>
        <translation>Leuchtdichte (cd/m²)</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="288"/>
        <source>Show pattern</source>
        <translation>Testbild zeigen</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="289"/>
        <source>Measure all</source>
        <translation>Alle messen</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="290"/>
        <source>Cancel measuring</source>
        <translation>Messung abbrechen</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="310"/>
        <source>Look at TG18-QC on the display from the normal reading position and tick what you see:</source>
        <translation>Betrachten Sie TG18-QC auf dem Monitor aus der normalen Befundungsposition und kreuzen Sie an, was Sie sehen:</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="311"/>
        <source>all 16 luminance patches are distinct</source>
        <translation>alle 16 Leuchtdichtefelder sind unterscheidbar</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="312"/>
        <source>the 5 % square in the black patch and the 95 % square in the white patch are visible</source>
        <translation>das 5-%-Quadrat im schwarzen Feld und das 95-%-Quadrat im weißen Feld sind sichtbar</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="313"/>
        <source>the corner targets of most patches are visible</source>
        <translation>die Eckmarken der meisten Felder sind sichtbar</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="314"/>
        <source>the line pairs at the centre and in the corners are resolved</source>
        <translation>die Linienpaare in der Mitte und in den Ecken sind aufgelöst</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="315"/>
        <source>the ramp is smooth, without contouring; no artefacts, borders and grid straight</source>
        <translation>der Keil ist gleichmäßig, ohne Konturen; keine Artefakte, Ränder und Gitter gerade</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="321"/>
        <source>Show TG18-QC full screen (Esc closes it)</source>
        <translation>TG18-QC im Vollbild zeigen (Esc schließt)</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="360"/>
        <source>Criteria profile</source>
        <translation>Kriterienprofil</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="372"/>
        <source>Meter: %1. Place it on the centre of the measurement field.</source>
        <translation>Messgerät: %1. Setzen Sie es mittig auf das Messfeld.</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="373"/>
        <source>Type each reading into the table (cd/m², display only, without ambient).</source>
        <translation>Tragen Sie jeden Messwert in die Tabelle ein (cd/m², nur Monitor, ohne Umgebung).</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="402"/>
        <source>Visual check: PASS</source>
        <translation>Sichtprüfung: BESTANDEN</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="402"/>
        <source>Visual check: FAIL (not every item was seen)</source>
        <translation>Sichtprüfung: NICHT BESTANDEN (nicht jeder Punkt wurde gesehen)</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="420"/>
        <source>Cannot evaluate: %1</source>
        <translation>Auswertung nicht möglich: %1</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="425"/>
        <source>Result: PASS</source>
        <translation>Ergebnis: BESTANDEN</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="425"/>
        <source>Result: FAIL</source>
        <translation>Ergebnis: NICHT BESTANDEN</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="433"/>
        <source> (advisory)</source>
        <translation> (Empfehlung)</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="476"/>
        <source>Measuring %1 (level %2%3)...</source>
        <translation>Messe %1 (Stufe %2%3)...</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="525"/>
        <source>Stopped.</source>
        <translation>Angehalten.</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="525"/>
        <source>All readings taken.</source>
        <translation>Alle Messwerte erfasst.</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="535"/>
        <source>Measuring cancelled.</source>
        <translation>Messung abgebrochen.</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="536"/>
        <source>Reading %1 failed: %2</source>
        <translation>Messwert %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="603"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="604"/>
        <source>Finish saves the test to the display&apos;s QC history.</source>
        <translation>„Abschließen“ speichert die Prüfung im QS-Verlauf des Monitors.</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="610"/>
        <source>Criterion</source>
        <translation>Kriterium</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="610"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="610"/>
        <source>Limit</source>
        <translation>Grenzwert</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="610"/>
        <source>Verdict</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="616"/>
        <source>notes (optional)</source>
        <translation>Bemerkungen (optional)</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="618"/>
        <source>Export PDF report...</source>
        <translation>PDF-Bericht exportieren...</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="621"/>
        <location filename="../app/qc/QcWizard.cpp" line="623"/>
        <source>QC report</source>
        <translation>QS-Bericht</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="621"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="632"/>
        <source>Nothing evaluated yet.</source>
        <translation>Noch nichts ausgewertet.</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="684"/>
        <source>QC history</source>
        <translation>QS-Verlauf</translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="684"/>
        <source>The test could not be saved:
%1</source>
        <translation>Die Prüfung konnte nicht gespeichert werden:
%1</translation>
    </message>
</context>
<context>
    <name>lightbox::viewer</name>
    <message>
        <location filename="../viewer/src/PresentationStateExport.cpp" line="184"/>
        <source>The viewport shows no image to save a presentation state for.</source>
        <translation>Die Ansicht zeigt kein Bild, für das ein Präsentationszustand gespeichert werden kann.</translation>
    </message>
    <message>
        <location filename="../viewer/src/PresentationStateExport.cpp" line="188"/>
        <source>A presentation state describes the series&apos; own images; this viewport shows an MPR plane.</source>
        <translation>Ein Präsentationszustand beschreibt die eigenen Bilder der Serie; diese Ansicht zeigt eine MPR-Ebene.</translation>
    </message>
    <message>
        <location filename="../viewer/src/PresentationStateExport.cpp" line="293"/>
        <source>annotations drawn on an MPR plane</source>
        <translation>auf einer MPR-Ebene gezeichnete Annotationen</translation>
    </message>
</context>
<context>
    <name>lightbox::viewer::AnnotationLayer</name>
    <message>
        <location filename="../viewer/src/AnnotationLayer.cpp" line="94"/>
        <source>Add %1</source>
        <translation>%1 hinzufügen</translation>
    </message>
    <message>
        <location filename="../viewer/src/AnnotationLayer.cpp" line="102"/>
        <source>Delete %1</source>
        <translation>%1 löschen</translation>
    </message>
    <message>
        <location filename="../viewer/src/AnnotationLayer.cpp" line="113"/>
        <source>Edit %1</source>
        <translation>%1 bearbeiten</translation>
    </message>
</context>
<context>
    <name>lightbox::viewer::AnnotationMeasurer</name>
    <message>
        <location filename="../viewer/src/AnnotationMeasure.cpp" line="26"/>
        <source>(magnification corrected)</source>
        <translation>(vergrößerungskorrigiert)</translation>
    </message>
    <message>
        <location filename="../viewer/src/AnnotationMeasure.cpp" line="118"/>
        <source>no measurement: %1</source>
        <translation>keine Messung: %1</translation>
    </message>
    <message>
        <location filename="../viewer/src/AnnotationMeasure.cpp" line="146"/>
        <source>Cobb</source>
        <translation>Cobb</translation>
    </message>
    <message>
        <location filename="../viewer/src/AnnotationMeasure.cpp" line="150"/>
        <source>outside the image</source>
        <translation>außerhalb des Bildes</translation>
    </message>
    <message>
        <location filename="../viewer/src/AnnotationMeasure.cpp" line="158"/>
        <source>area %1, no pixel inside</source>
        <translation>Fläche %1, kein Pixel innerhalb</translation>
    </message>
    <message>
        <location filename="../viewer/src/AnnotationMeasure.cpp" line="162"/>
        <source>mean %1 SD %2%3</source>
        <translation>Mittel %1 SD %2%3</translation>
    </message>
    <message>
        <location filename="../viewer/src/AnnotationMeasure.cpp" line="163"/>
        <source>min %1 max %2%3</source>
        <translation>Min %1 Max %2%3</translation>
    </message>
    <message>
        <location filename="../viewer/src/AnnotationMeasure.cpp" line="164"/>
        <source>area %1</source>
        <translation>Fläche %1</translation>
    </message>
</context>
<context>
    <name>lightbox::viewer::ImageView</name>
    <message>
        <location filename="../viewer/src/ImageView.cpp" line="74"/>
        <source>Image %1 / %2</source>
        <translation>Bild %1 / %2</translation>
    </message>
    <message>
        <location filename="../viewer/src/ImageView.cpp" line="79"/>
        <source>Cannot display this image:
%1</source>
        <translation>Dieses Bild kann nicht angezeigt werden:
%1</translation>
    </message>
    <message>
        <location filename="../viewer/src/ImageView.cpp" line="81"/>
        <source>Select a series</source>
        <translation>Serie auswählen</translation>
    </message>
</context>
<context>
    <name>lightbox::viewer::MeasurementTool</name>
    <message>
        <location filename="../viewer/src/AnnotationLayer.cpp" line="14"/>
        <source>Window/level</source>
        <translation>Fensterung</translation>
    </message>
    <message>
        <location filename="../viewer/src/AnnotationLayer.cpp" line="15"/>
        <source>Select and edit</source>
        <translation>Auswählen und bearbeiten</translation>
    </message>
    <message>
        <location filename="../viewer/src/AnnotationLayer.cpp" line="16"/>
        <source>Length</source>
        <translation>Länge</translation>
    </message>
    <message>
        <location filename="../viewer/src/AnnotationLayer.cpp" line="17"/>
        <source>Polyline</source>
        <translation>Polylinie</translation>
    </message>
    <message>
        <location filename="../viewer/src/AnnotationLayer.cpp" line="18"/>
        <source>Angle</source>
        <translation>Winkel</translation>
    </message>
    <message>
        <location filename="../viewer/src/AnnotationLayer.cpp" line="19"/>
        <source>Cobb angle</source>
        <translation>Cobb-Winkel</translation>
    </message>
    <message>
        <location filename="../viewer/src/AnnotationLayer.cpp" line="20"/>
        <source>Ellipse ROI</source>
        <translation>Ellipsen-ROI</translation>
    </message>
    <message>
        <location filename="../viewer/src/AnnotationLayer.cpp" line="21"/>
        <source>Rectangle ROI</source>
        <translation>Rechteck-ROI</translation>
    </message>
    <message>
        <location filename="../viewer/src/AnnotationLayer.cpp" line="22"/>
        <source>Polygon ROI</source>
        <translation>Polygon-ROI</translation>
    </message>
    <message>
        <location filename="../viewer/src/AnnotationLayer.cpp" line="23"/>
        <source>Freehand ROI</source>
        <translation>Freihand-ROI</translation>
    </message>
    <message>
        <location filename="../viewer/src/AnnotationLayer.cpp" line="24"/>
        <source>Point probe</source>
        <translation>Messpunkt (Pixelwert)</translation>
    </message>
    <message>
        <location filename="../viewer/src/AnnotationLayer.cpp" line="25"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../viewer/src/AnnotationLayer.cpp" line="26"/>
        <source>Arrow</source>
        <translation>Pfeil</translation>
    </message>
    <message>
        <location filename="../viewer/src/AnnotationLayer.cpp" line="27"/>
        <source>Rectangular shutter</source>
        <translation>Rechteckige Blende</translation>
    </message>
    <message>
        <location filename="../viewer/src/AnnotationLayer.cpp" line="28"/>
        <source>Circular shutter</source>
        <translation>Kreisförmige Blende</translation>
    </message>
    <message>
        <location filename="../viewer/src/AnnotationLayer.cpp" line="29"/>
        <source>Polygonal shutter</source>
        <translation>Polygonale Blende</translation>
    </message>
</context>
<context>
    <name>lightbox::viewer::MeasurementTools</name>
    <message>
        <location filename="../viewer/src/MeasurementTools.cpp" line="265"/>
        <location filename="../viewer/src/MeasurementTools.cpp" line="368"/>
        <source>Text annotation</source>
        <translation>Textanmerkung</translation>
    </message>
    <message>
        <location filename="../viewer/src/MeasurementTools.cpp" line="265"/>
        <location filename="../viewer/src/MeasurementTools.cpp" line="368"/>
        <source>Text:</source>
        <translation>Text:</translation>
    </message>
</context>
<context>
    <name>lightbox::viewer::OutputDepthReport</name>
    <message>
        <location filename="../viewer/src/OutputDepthCheck.cpp" line="18"/>
        <source>10 bits reach the screen: the TG18-MP pattern shows %1 of %2 gray levels (output pass %3-bit, framebuffer %4 bits per channel, screen depth %5).</source>
        <translation>10 Bit erreichen den Bildschirm: Das TG18-MP-Testbild zeigt %1 von %2 Graustufen (Ausgabedurchgang %3 Bit, Framebuffer %4 Bit pro Kanal, Farbtiefe des Bildschirms %5).</translation>
    </message>
    <message>
        <location filename="../viewer/src/OutputDepthCheck.cpp" line="22"/>
        <source>the screen is %1 bits deep (a 10-bit display needs a 30-bit X screen)</source>
        <translation>der Bildschirm hat %1 Bit Farbtiefe (ein 10-Bit-Monitor braucht einen 30-Bit-X-Bildschirm)</translation>
    </message>
    <message>
        <location filename="../viewer/src/OutputDepthCheck.cpp" line="23"/>
        <source>the viewports use the 8-bit output path</source>
        <translation>die Ansichten nutzen den 8-Bit-Ausgabepfad</translation>
    </message>
    <message>
        <location filename="../viewer/src/OutputDepthCheck.cpp" line="24"/>
        <source>the graphics driver gave an %1-bit framebuffer</source>
        <translation>der Grafiktreiber lieferte einen %1-Bit-Framebuffer</translation>
    </message>
    <message>
        <location filename="../viewer/src/OutputDepthCheck.cpp" line="25"/>
        <source>only %1 distinct levels were read back</source>
        <translation>nur %1 verschiedene Stufen wurden zurückgelesen</translation>
    </message>
    <message>
        <location filename="../viewer/src/OutputDepthCheck.cpp" line="26"/>
        <source>Only 8 bits reach the screen: %1. The TG18-MP pattern shows %2 of %3 gray levels; the calibration LUT is applied, but its output is rounded to 256 levels.</source>
        <translation>Nur 8 Bit erreichen den Bildschirm: %1. Das TG18-MP-Testbild zeigt %2 von %3 Graustufen; die Kalibrier-LUT wird angewendet, ihre Ausgabe aber auf 256 Stufen gerundet.</translation>
    </message>
</context>
<context>
    <name>lightbox::viewer::PresentationStateApply</name>
    <message>
        <location filename="../viewer/src/PresentationStateApply.cpp" line="303"/>
        <source>by %1</source>
        <translation>von %1</translation>
    </message>
</context>
<context>
    <name>lightbox::viewer::PresentationStateChooser</name>
    <message>
        <location filename="../viewer/src/PresentationStateChooser.cpp" line="17"/>
        <source>Presentation State:</source>
        <translation>Präsentationszustand:</translation>
    </message>
    <message>
        <location filename="../viewer/src/PresentationStateChooser.cpp" line="20"/>
        <location filename="../viewer/src/PresentationStateChooser.cpp" line="51"/>
        <location filename="../viewer/src/PresentationStateChooser.cpp" line="62"/>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <location filename="../viewer/src/PresentationStateChooser.cpp" line="22"/>
        <source>Graphics only</source>
        <translation>Nur Grafik</translation>
    </message>
    <message>
        <location filename="../viewer/src/PresentationStateChooser.cpp" line="23"/>
        <source>Show the state&apos;s annotations and geometry but keep your own window</source>
        <translation>Anmerkungen und Geometrie des Zustands zeigen, aber die eigene Fensterung behalten</translation>
    </message>
</context>
<context>
    <name>lightbox::viewer::ReadingArea</name>
    <message>
        <location filename="../viewer/src/ReadingArea.cpp" line="56"/>
        <source>Layout:</source>
        <translation>Layout:</translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingArea.cpp" line="58"/>
        <source>1x1</source>
        <translation>1x1</translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingArea.cpp" line="59"/>
        <source>1x2</source>
        <translation>1x2</translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingArea.cpp" line="60"/>
        <source>2x2</source>
        <translation>2x2</translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingArea.cpp" line="61"/>
        <source>3x3</source>
        <translation>3x3</translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingArea.cpp" line="62"/>
        <source>MPR + 3D</source>
        <translation>MPR + 3D</translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingArea.cpp" line="67"/>
        <source>Save GSPS</source>
        <translation>GSPS speichern</translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingArea.cpp" line="77"/>
        <source>Loading %p%</source>
        <translation>Laden %p%</translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingArea.cpp" line="81"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message numerus="yes">
        <location filename="../viewer/src/ReadingArea.cpp" line="142"/>
        <source>%1 %2
%n image(s)</source>
        <translation>
            <numerusform>%1 %2
%n Bild</numerusform>
            <numerusform>%1 %2
%n Bilder</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingArea.cpp" line="203"/>
        <location filename="../viewer/src/ReadingAreaHanging.cpp" line="617"/>
        <source>The series could not be loaded</source>
        <translation>Die Serie konnte nicht geladen werden</translation>
    </message>
    <message numerus="yes">
        <location filename="../viewer/src/ReadingArea.cpp" line="325"/>
        <source>Presentation state saved with %n annotation(s)</source>
        <translation>
            <numerusform>Präsentationszustand mit %n Anmerkung gespeichert</numerusform>
            <numerusform>Präsentationszustand mit %n Anmerkungen gespeichert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../viewer/src/ReadingArea.cpp" line="326"/>
        <source>%n shutter(s)</source>
        <translation>
            <numerusform>%n Blende</numerusform>
            <numerusform>%n Blenden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../viewer/src/ReadingArea.cpp" line="328"/>
        <source>%n annotation(s) on MPR planes not included</source>
        <translation>
            <numerusform>%n Anmerkung auf MPR-Ebenen nicht enthalten</numerusform>
            <numerusform>%n Anmerkungen auf MPR-Ebenen nicht enthalten</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingAreaHanging.cpp" line="193"/>
        <source>Next Hanging Stage</source>
        <translation>Nächste Hängestufe</translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingAreaHanging.cpp" line="196"/>
        <source>Previous Hanging Stage</source>
        <translation>Vorherige Hängestufe</translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingAreaHanging.cpp" line="214"/>
        <source>Loading was cancelled</source>
        <translation>Das Laden wurde abgebrochen</translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingAreaHanging.cpp" line="332"/>
        <source>No hanging protocol matches the study</source>
        <translation>Kein Hängeprotokoll passt zur Studie</translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingAreaHanging.cpp" line="420"/>
        <source>Protocol: %1 - %2</source>
        <translation>Protokoll: %1 - %2</translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingAreaHanging.cpp" line="421"/>
        <source>Protocol: %1 - %2 (stage %3 of %4, Shift+PgDown/PgUp)</source>
        <translation>Protokoll: %1 - %2 (Stufe %3 von %4, Umschalt+Bild ab/auf)</translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingAreaHanging.cpp" line="466"/>
        <source>The series is not in the study</source>
        <translation>Die Serie gehört nicht zur Studie</translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingAreaHanging.cpp" line="510"/>
        <source>Loading...</source>
        <translation>Wird geladen...</translation>
    </message>
</context>
<context>
    <name>lightbox::viewer::ShortcutHelpOverlay</name>
    <message>
        <location filename="../viewer/src/ShortcutHelpOverlay.cpp" line="135"/>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutHelpOverlay.cpp" line="138"/>
        <source>Settings &gt; Shortcuts changes them. Any key closes this.</source>
        <translation>Ändern unter Einstellungen &gt; Tastenkürzel. Jede Taste schließt diese Übersicht.</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutHelpOverlay.cpp" line="164"/>
        <source>(none)</source>
        <translation>(keines)</translation>
    </message>
</context>
<context>
    <name>lightbox::viewer::ShortcutMap</name>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="65"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="66"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="67"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="68"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="69"/>
        <source>Studies</source>
        <translation>Studien</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="65"/>
        <source>Open the selected study</source>
        <translation>Ausgewählte Studie öffnen</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="66"/>
        <source>Next study</source>
        <translation>Nächste Studie</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="67"/>
        <source>Previous study</source>
        <translation>Vorherige Studie</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="68"/>
        <source>Search studies</source>
        <translation>Studien suchen</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="69"/>
        <source>Import into the archive</source>
        <translation>Ins Archiv importieren</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="70"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="71"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="72"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="73"/>
        <source>Application</source>
        <translation>Anwendung</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="70"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="71"/>
        <source>Keyboard shortcuts (this overlay)</source>
        <translation>Tastenkürzel (diese Übersicht)</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="72"/>
        <source>Open a folder or DICOMDIR</source>
        <translation>Ordner oder DICOMDIR öffnen</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="73"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="74"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="75"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="76"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="77"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="78"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="79"/>
        <source>Navigation</source>
        <translation>Navigation</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="74"/>
        <source>Previous image</source>
        <translation>Vorheriges Bild</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="75"/>
        <source>Next image</source>
        <translation>Nächstes Bild</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="76"/>
        <source>Back a tenth of the series</source>
        <translation>Ein Zehntel der Serie zurück</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="77"/>
        <source>Forward a tenth of the series</source>
        <translation>Ein Zehntel der Serie vor</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="78"/>
        <source>First image</source>
        <translation>Erstes Bild</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="79"/>
        <source>Last image</source>
        <translation>Letztes Bild</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="80"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="81"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="82"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="83"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="84"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="85"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="86"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="87"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="88"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="89"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="90"/>
        <source>Window</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="80"/>
        <source>CT brain</source>
        <translation>CT Hirn</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="81"/>
        <source>CT lung</source>
        <translation>CT Lunge</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="82"/>
        <source>CT mediastinum</source>
        <translation>CT Mediastinum</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="83"/>
        <source>CT bone</source>
        <translation>CT Knochen</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="84"/>
        <source>CT abdomen</source>
        <translation>CT Abdomen</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="85"/>
        <source>CT liver</source>
        <translation>CT Leber</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="86"/>
        <source>File window 2</source>
        <translation>Fenster aus Datei 2</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="87"/>
        <source>File window 3</source>
        <translation>Fenster aus Datei 3</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="88"/>
        <source>File window 4</source>
        <translation>Fenster aus Datei 4</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="89"/>
        <source>File window 1</source>
        <translation>Fenster aus Datei 1</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="90"/>
        <source>Invert</source>
        <translation>Invertieren</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="91"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="92"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="93"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="94"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="95"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="96"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="97"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="99"/>
        <source>View</source>
        <translation>Ansicht</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="91"/>
        <source>Fit to viewport</source>
        <translation>An Ansicht anpassen</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="92"/>
        <source>One image pixel per screen pixel</source>
        <translation>Ein Bildpixel pro Bildschirmpixel</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="93"/>
        <source>True size (calibrated mm)</source>
        <translation>Originalgröße (kalibrierte mm)</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="94"/>
        <source>Flip horizontally</source>
        <translation>Horizontal spiegeln</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="95"/>
        <source>Flip vertically</source>
        <translation>Vertikal spiegeln</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="96"/>
        <source>Rotate 90 degrees clockwise</source>
        <translation>90 Grad im Uhrzeigersinn drehen</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="97"/>
        <source>Magnifier</source>
        <translation>Lupe</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="99"/>
        <source>Reset the view (first: cancel a drawing)</source>
        <translation>Ansicht zurücksetzen (zuerst: Zeichnung abbrechen)</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="100"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="101"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="102"/>
        <source>Cine</source>
        <translation>Cine</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="100"/>
        <source>Start / stop cine</source>
        <translation>Cine starten / anhalten</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="101"/>
        <source>Cine faster</source>
        <translation>Cine schneller</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="102"/>
        <source>Cine slower</source>
        <translation>Cine langsamer</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="103"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="104"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="105"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="106"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="107"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="108"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="109"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="110"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="111"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="112"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="113"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="114"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="115"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="116"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="117"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="118"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="119"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="120"/>
        <source>Measurements</source>
        <translation>Messungen</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="103"/>
        <source>No tool (window/level)</source>
        <translation>Kein Werkzeug (Fensterung)</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="104"/>
        <source>Select, move and edit</source>
        <translation>Auswählen, verschieben und bearbeiten</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="105"/>
        <source>Length</source>
        <translation>Länge</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="106"/>
        <source>Polyline</source>
        <translation>Polylinie</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="107"/>
        <source>Angle</source>
        <translation>Winkel</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="108"/>
        <source>Cobb angle</source>
        <translation>Cobb-Winkel</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="109"/>
        <source>Ellipse ROI</source>
        <translation>Ellipsen-ROI</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="110"/>
        <source>Rectangle ROI</source>
        <translation>Rechteck-ROI</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="111"/>
        <source>Polygon ROI</source>
        <translation>Polygon-ROI</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="112"/>
        <source>Freehand ROI</source>
        <translation>Freihand-ROI</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="113"/>
        <source>Point probe</source>
        <translation>Messpunkt (Pixelwert)</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="114"/>
        <source>Text note</source>
        <translation>Textnotiz</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="115"/>
        <source>Arrow</source>
        <translation>Pfeil</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="116"/>
        <source>Finish a polyline or polygon</source>
        <translation>Polylinie oder Polygon abschließen</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="117"/>
        <source>Delete the selected annotation</source>
        <translation>Ausgewählte Anmerkung löschen</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="118"/>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="119"/>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="120"/>
        <source>Save presentation state</source>
        <translation>Präsentationszustand speichern</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="121"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="122"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="123"/>
        <source>Shutters</source>
        <translation>Blenden</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="121"/>
        <source>Rectangular shutter</source>
        <translation>Rechteckige Blende</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="122"/>
        <source>Circular shutter</source>
        <translation>Kreisförmige Blende</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="123"/>
        <source>Polygonal shutter</source>
        <translation>Polygonale Blende</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="124"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="125"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="126"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="127"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="128"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="129"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="130"/>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="124"/>
        <source>Scroll sync on/off</source>
        <translation>Blätter-Sync ein/aus</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="125"/>
        <source>Window/level sync on/off</source>
        <translation>Fensterungs-Sync ein/aus</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="126"/>
        <source>Zoom/pan sync on/off</source>
        <translation>Zoom/Verschiebe-Sync ein/aus</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="127"/>
        <source>Next sync group (A, B, C, none)</source>
        <translation>Nächste Sync-Gruppe (A, B, C, keine)</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="128"/>
        <source>Sync offset: previous slice</source>
        <translation>Sync-Versatz: vorherige Schicht</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="129"/>
        <source>Sync offset: next slice</source>
        <translation>Sync-Versatz: nächste Schicht</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="130"/>
        <source>Clear the sync offset</source>
        <translation>Sync-Versatz löschen</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="131"/>
        <location filename="../viewer/src/ShortcutMap.cpp" line="132"/>
        <source>Hanging</source>
        <translation>Hängung</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="131"/>
        <source>Next hanging stage</source>
        <translation>Nächste Hängestufe</translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutMap.cpp" line="132"/>
        <source>Previous hanging stage</source>
        <translation>Vorherige Hängestufe</translation>
    </message>
</context>
<context>
    <name>lightbox::viewer::StudyBrowser</name>
    <message>
        <location filename="../viewer/src/StudyBrowser.cpp" line="30"/>
        <source>Patient / Study / Series</source>
        <translation>Patient / Studie / Serie</translation>
    </message>
    <message>
        <location filename="../viewer/src/StudyBrowser.cpp" line="30"/>
        <source>Date / ID</source>
        <translation>Datum / ID</translation>
    </message>
    <message>
        <location filename="../viewer/src/StudyBrowser.cpp" line="30"/>
        <source>Modality</source>
        <translation>Modalität</translation>
    </message>
    <message>
        <location filename="../viewer/src/StudyBrowser.cpp" line="30"/>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <location filename="../viewer/src/StudyBrowser.cpp" line="64"/>
        <source>(no description)</source>
        <translation>(keine Beschreibung)</translation>
    </message>
</context>
<context>
    <name>lightbox::viewer::Viewport</name>
    <message>
        <location filename="../viewer/src/Viewport.cpp" line="39"/>
        <source>axial</source>
        <translation>axial</translation>
    </message>
    <message>
        <location filename="../viewer/src/Viewport.cpp" line="40"/>
        <source>coronal</source>
        <translation>koronal</translation>
    </message>
    <message>
        <location filename="../viewer/src/Viewport.cpp" line="41"/>
        <source>sagittal</source>
        <translation>sagittal</translation>
    </message>
    <message>
        <location filename="../viewer/src/Viewport.cpp" line="42"/>
        <source>oblique</source>
        <translation>schräg</translation>
    </message>
    <message>
        <location filename="../viewer/src/Viewport.cpp" line="359"/>
        <source>Im %1/%2</source>
        <translation>Bild %1/%2</translation>
    </message>
    <message>
        <location filename="../viewer/src/Viewport.cpp" line="360"/>
        <source>MPR %1 %2/%3</source>
        <translation>MPR %1 %2/%3</translation>
    </message>
</context>
<context>
    <name>lightbox::viewer::ViewportSync</name>
    <message>
        <location filename="../viewer/src/ViewportSync.cpp" line="55"/>
        <source>Synchronise Scrolling</source>
        <translation>Blättern synchronisieren</translation>
    </message>
    <message>
        <location filename="../viewer/src/ViewportSync.cpp" line="56"/>
        <source>Synchronise Window/Level</source>
        <translation>Fensterung synchronisieren</translation>
    </message>
    <message>
        <location filename="../viewer/src/ViewportSync.cpp" line="57"/>
        <source>Synchronise Zoom/Pan</source>
        <translation>Zoom/Verschieben synchronisieren</translation>
    </message>
    <message>
        <location filename="../viewer/src/ViewportSync.cpp" line="58"/>
        <source>Next Sync Group</source>
        <translation>Nächste Sync-Gruppe</translation>
    </message>
    <message>
        <location filename="../viewer/src/ViewportSync.cpp" line="59"/>
        <source>Offset Against Sync Partners: Previous Slice</source>
        <translation>Versatz zu Sync-Partnern: vorherige Schicht</translation>
    </message>
    <message>
        <location filename="../viewer/src/ViewportSync.cpp" line="60"/>
        <source>Offset Against Sync Partners: Next Slice</source>
        <translation>Versatz zu Sync-Partnern: nächste Schicht</translation>
    </message>
    <message>
        <location filename="../viewer/src/ViewportSync.cpp" line="61"/>
        <source>Clear Sync Offset</source>
        <translation>Sync-Versatz löschen</translation>
    </message>
    <message>
        <location filename="../viewer/src/ViewportSync.cpp" line="477"/>
        <source>Sync %1: %2 %3 %4</source>
        <translation>Sync %1: %2 %3 %4</translation>
    </message>
    <message>
        <location filename="../viewer/src/ViewportSync.cpp" line="499"/>
        <source>registering…</source>
        <translation>wird registriert…</translation>
    </message>
    <message>
        <location filename="../viewer/src/ViewportSync.cpp" line="500"/>
        <source>not registered: table position</source>
        <translation>nicht registriert: Tischposition</translation>
    </message>
    <message>
        <location filename="../viewer/src/ViewportSync.cpp" line="501"/>
        <source>table position</source>
        <translation>Tischposition</translation>
    </message>
    <message>
        <location filename="../viewer/src/ViewportSync.cpp" line="502"/>
        <source>registered</source>
        <translation>registriert</translation>
    </message>
    <message>
        <location filename="../viewer/src/ViewportSync.cpp" line="504"/>
        <source>offset %1%2</source>
        <translation>Versatz %1%2</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/gui/main.cpp" line="37"/>
        <source>Lightbox diagnostic reading workstation</source>
        <translation>Lightbox Befundungsarbeitsplatz</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="40"/>
        <source>The embedded archive&apos;s folder (created if missing).</source>
        <translation>Der Ordner des eingebetteten Archivs (wird angelegt, falls er fehlt).</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="41"/>
        <source>View a folder of DICOM files without importing it, or open a study of the archive by its Study Instance UID.</source>
        <translation>Einen Ordner mit DICOM-Dateien ohne Import anzeigen oder eine Studie des Archivs über ihre Study Instance UID öffnen.</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="42"/>
        <source>Viewport layout for --open STUDY_UID: 1x1, 1x2, 2x2, 3x3 or mpr (default: the hanging protocol&apos;s, with priors).</source>
        <translation>Layout der Ansichten für --open STUDY_UID: 1x1, 1x2, 2x2, 3x3 oder mpr (Standard: das des Hängeprotokolls, mit Voraufnahmen).</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="43"/>
        <source>Print how long opening the study took (first image, prior in place) on stderr.</source>
        <translation>Auf stderr ausgeben, wie lange das Öffnen der Studie dauerte (erstes Bild, Voraufnahme an ihrem Platz).</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="44"/>
        <source>Receive DICOM objects on this port (Storage SCP).</source>
        <translation>DICOM-Objekte auf diesem Port empfangen (Storage SCP).</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="45"/>
        <source>AE title of the listener (default LIGHTBOX).</source>
        <translation>AE-Titel des Empfängers (Standard LIGHTBOX).</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="81"/>
        <location filename="../app/gui/main.cpp" line="99"/>
        <location filename="../app/gui/main.cpp" line="109"/>
        <source>Lightbox</source>
        <translation>Lightbox</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="82"/>
        <source>The archive at %1 cannot be opened:
%2</source>
        <translation>Das Archiv unter %1 kann nicht geöffnet werden:
%2</translation>
    </message>
    <message>
        <source>Folder of DICOM files to open.</source>
        <translation type="vanished">Zu öffnender Ordner mit DICOM-Dateien.</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="46"/>
        <source>Save a screenshot after loading and quit.</source>
        <translation>Nach dem Laden ein Bildschirmfoto speichern und beenden.</translation>
    </message>
</context>
</TS>
