<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>DisplayCalibration</name>
    <message>
        <location filename="../app/gui/DisplayCalibration.cpp" line="33"/>
        <source>10-bit output: yes (screen %1 bits deep)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/DisplayCalibration.cpp" line="34"/>
        <source>10-bit output: no (8-bit output path chosen)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/DisplayCalibration.cpp" line="35"/>
        <source>10-bit output: no (8 bits per channel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/DisplayCalibration.cpp" line="44"/>
        <source>Not calibrated (no screen)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/DisplayCalibration.cpp" line="49"/>
        <source>Not calibrated: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/DisplayCalibration.cpp" line="57"/>
        <source>Calibrated: %1 (GSDF, LUT from %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/DisplayCalibration.cpp" line="59"/>
        <source>Not calibrated: the QC history cannot be read (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/DisplayCalibration.cpp" line="70"/>
        <source>The reading viewports apply the active calibration LUT (P-value to driving level) of the display they are on, from the QC history. On a 30-bit screen the LUT is applied by a final pass at 10 bits per channel; Display QC &gt; 10-bit Output Check (TG18-MP) measures what reaches the screen.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../app/gui/StudyPriors.cpp" line="162"/>
        <source>No priors to fetch from the remote nodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudyPriors.cpp" line="185"/>
        <source>Fetching prior %1 of %2: %3 of %4 images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudyPriors.cpp" line="198"/>
        <source>Fetching priors cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudyPriors.cpp" line="199"/>
        <source>Priors fetched: %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="35"/>
        <source>...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="39"/>
        <source>PEM files (*.pem *.crt *.key *.cer);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/ContrastResponseChart.cpp" line="45"/>
        <source>Contrast response: dL/L per JND vs GSDF (tolerance ±%1 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/ContrastResponseChart.cpp" line="55"/>
        <source>tolerance band</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/ContrastResponseChart.cpp" line="59"/>
        <source>GSDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/ContrastResponseChart.cpp" line="63"/>
        <source>measured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/ContrastResponseChart.cpp" line="72"/>
        <source>JND index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/ContrastResponseChart.cpp" line="74"/>
        <source>dL/L per JND</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="41"/>
        <source>date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcActions.cpp" line="18"/>
        <source>Display QC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcActions.cpp" line="19"/>
        <source>The QC history cannot be opened:
%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QToolBar</name>
    <message>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="13"/>
        <source>Measurements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="25"/>
        <source>W/L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="26"/>
        <source>Select</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="27"/>
        <source>Length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="28"/>
        <source>Polyline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="29"/>
        <source>Angle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="30"/>
        <source>Cobb</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="31"/>
        <source>Ellipse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="32"/>
        <source>Rect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="33"/>
        <source>Polygon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="34"/>
        <source>Freehand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="35"/>
        <source>Probe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="36"/>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="37"/>
        <source>Arrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="43"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="62"/>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="63"/>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="64"/>
        <location filename="../viewer/src/MeasurementToolBar.cpp" line="65"/>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReadingArea</name>
    <message>
        <location filename="../viewer/src/ReadingAreaHanging.cpp" line="104"/>
        <source>Current %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingAreaHanging.cpp" line="105"/>
        <source>Prior %1  %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TenBitProbe</name>
    <message>
        <location filename="../app/qc/ScreenIdentity.cpp" line="35"/>
        <source>10-bit output: unknown (no OpenGL on this screen)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/ScreenIdentity.cpp" line="36"/>
        <source>10-bit output: yes (%1/%2/%3 bits per channel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/ScreenIdentity.cpp" line="37"/>
        <source>10-bit output: no (the window system gave %1/%2/%3 bits per channel; images reach this screen at 8 bits)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UniformityMap</name>
    <message>
        <location filename="../app/qc/UniformityMap.cpp" line="59"/>
        <source>level %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WindowPresets</name>
    <message>
        <location filename="../viewer/src/WindowPresets.cpp" line="17"/>
        <source>File window %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lightbox::app</name>
    <message>
        <location filename="../app/gui/PresentationStateSaving.cpp" line="35"/>
        <source>Presentation state sent to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/PresentationStateSaving.cpp" line="36"/>
        <source>The presentation state was not sent to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/PresentationStateSaving.cpp" line="62"/>
        <source>No archive is open: the presentation state was not stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/PresentationStateSaving.cpp" line="70"/>
        <location filename="../app/gui/PresentationStateSaving.cpp" line="74"/>
        <source>The presentation state was not stored: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/PresentationStateSaving.cpp" line="77"/>
        <source>(stored in the archive)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lightbox::app::MainWindow</name>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="43"/>
        <location filename="../app/gui/MainWindow.cpp" line="228"/>
        <location filename="../app/gui/MainWindow.cpp" line="353"/>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="117"/>
        <source>Lightbox</source>
        <translation>Lightbox</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="47"/>
        <source>Images</source>
        <translation type="unfinished">Bilder</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="48"/>
        <source>Reading (MPR, 3D)</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="79"/>
        <source>Import &amp;Files, DICOMDIR or Zip...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="80"/>
        <source>&amp;Receive from Network (Storage SCP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="83"/>
        <source>Remote &amp;Nodes...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="86"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="87"/>
        <source>&amp;Display QC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="88"/>
        <source>QC &amp;Wizard...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="93"/>
        <source>QC &amp;History...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="95"/>
        <source>10-bit &amp;Output Check (TG18-MP)...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="101"/>
        <source>No archive open</source>
        <translation>Kein Archiv geöffnet</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="111"/>
        <source>Image %1 of %2</source>
        <translation>Bild %1 von %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/MainWindow.cpp" line="166"/>
        <source>Archive: %n patient(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="168"/>
        <source>(receiving)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="228"/>
        <location filename="../app/gui/MainWindow.cpp" line="246"/>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="117"/>
        <source>No archive is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="231"/>
        <source>Import DICOM folder into the archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="273"/>
        <source>Receiving as %1 on port %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="300"/>
        <source>Receive from Network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="307"/>
        <source>Open DICOM folder</source>
        <translation>DICOM-Ordner öffnen</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="314"/>
        <source>Reading %1...</source>
        <translation>Lese %1...</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="314"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/MainWindow.cpp" line="356"/>
        <source>%n patient(s)</source>
        <translation>
            <numerusform>%n Patient</numerusform>
            <numerusform>%n Patienten</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="371"/>
        <source>Unknown layout %1 (1x1, 1x2, 2x2, 3x3, mpr)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="371"/>
        <source>No archive is open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="385"/>
        <source>The archive has no study %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="396"/>
        <source>The study has no series that forms a volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/MainWindow.cpp" line="167"/>
        <location filename="../app/gui/MainWindow.cpp" line="357"/>
        <source>%n series</source>
        <translation>
            <numerusform>%n Serie</numerusform>
            <numerusform>%n Serien</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/MainWindow.cpp" line="358"/>
        <source>%n file(s) skipped</source>
        <translation>
            <numerusform>%n Datei übersprungen</numerusform>
            <numerusform>%n Dateien übersprungen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="34"/>
        <source>Tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="51"/>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="63"/>
        <source>Recent &amp;Studies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="67"/>
        <source>&amp;Settings...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="70"/>
        <source>&amp;Study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="71"/>
        <source>&amp;Find Studies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="76"/>
        <source>&amp;Open Selected Study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="80"/>
        <source>&amp;Next Study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="81"/>
        <source>&amp;Previous Study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="82"/>
        <source>&amp;Retrieve Selected Study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="85"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="86"/>
        <source>&amp;Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="95"/>
        <source>%1 · %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="103"/>
        <source>Opening %1...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="120"/>
        <source>Import DICOM files, DICOMDIR or zip into the archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="121"/>
        <source>DICOM, DICOMDIR and zip (*.dcm *.DCM DICOMDIR *.zip);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="139"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindowBrowser.cpp" line="142"/>
        <source>The new archive location is used from the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudyOpening.cpp" line="78"/>
        <source>Hanging protocol skipped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudyOpening.cpp" line="142"/>
        <source>The study has no images</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/StudyOpening.cpp" line="150"/>
        <source>%n relevant prior(s) in the archive</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/gui/StudyOpening.cpp" line="188"/>
        <source>Cancel prior fetch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudyOpening.cpp" line="258"/>
        <source>Looking for priors on the remote nodes...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lightbox::app::OutputDepthDialog</name>
    <message>
        <location filename="../app/gui/OutputDepthDialog.cpp" line="14"/>
        <source>10-bit Output Check (TG18-MP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/OutputDepthDialog.cpp" line="16"/>
        <source>The synthetic TG18-MP pattern (after AAPM TG18, 10-bit) is shown at 1:1 through the same output path as every image. With 10 bits, each ramp shows the short markers of the 10-bit steps between the long 8-bit ones and no contouring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/OutputDepthDialog.cpp" line="25"/>
        <source>Measuring...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/OutputDepthDialog.cpp" line="31"/>
        <source>Measure Again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lightbox::app::RecentStudies</name>
    <message>
        <location filename="../app/gui/RecentStudies.cpp" line="49"/>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RecentStudies.cpp" line="60"/>
        <source>Clear Recent Studies</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lightbox::app::RegistrationWiring</name>
    <message>
        <location filename="../app/gui/RegistrationWiring.cpp" line="107"/>
        <source>Prior registered (from the cache)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RegistrationWiring.cpp" line="109"/>
        <source>Registering the prior to the current series…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RegistrationWiring.cpp" line="119"/>
        <source>Registering the prior to the current series… %1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RegistrationWiring.cpp" line="133"/>
        <source>Prior registered in %1 s (residual %2 mm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RegistrationWiring.cpp" line="190"/>
        <source>The sync offset is not kept: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RegistrationWiring.cpp" line="196"/>
        <source>The prior could not be registered (%1): it scrolls by table position</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lightbox::app::RemoteNodesDialog</name>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="50"/>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="56"/>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="301"/>
        <source>Remote Nodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="56"/>
        <source>The nodes file cannot be read:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="62"/>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="64"/>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="85"/>
        <source>Use TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="92"/>
        <source>C-MOVE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="93"/>
        <source>C-GET</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="94"/>
        <source>WADO-RS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="96"/>
        <source>http://pacs.example.org:8042/dicom-web</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="99"/>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="100"/>
        <source>Basic (user and password)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="101"/>
        <source>Bearer token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="110"/>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="114"/>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="116"/>
        <source>DICOM (DIMSE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="118"/>
        <source>AE title:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="119"/>
        <source>Host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="120"/>
        <source>Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="122"/>
        <source>Certificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="122"/>
        <source>Our TLS certificate (PEM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="123"/>
        <source>Private key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="123"/>
        <source>Its private key (PEM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="124"/>
        <source>Trusted CAs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="124"/>
        <source>Trusted CA certificates (PEM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="125"/>
        <source>DICOMweb</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="127"/>
        <source>Base URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="128"/>
        <source>Authentication:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="129"/>
        <source>User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="130"/>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="131"/>
        <source>Token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="133"/>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="134"/>
        <source>Retrieve by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="135"/>
        <source>Connect timeout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="136"/>
        <source>Response timeout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="138"/>
        <source>&amp;Test Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="144"/>
        <source>Cancel Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="183"/>
        <source>Success: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="183"/>
        <source>Failed: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="208"/>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="277"/>
        <source>New node %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="301"/>
        <source>The nodes cannot be saved:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="322"/>
        <source>Testing %1...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="334"/>
        <source>C-ECHO answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="338"/>
        <source>QIDO-RS answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/RemoteNodesDialog.cpp" line="344"/>
        <source>; </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lightbox::app::SettingsDialog</name>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="46"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="49"/>
        <source>Network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="50"/>
        <source>Archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="51"/>
        <source>Display</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="52"/>
        <source>Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="76"/>
        <source>Local AE title:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="77"/>
        <source>Listening port (Storage SCP, C-MOVE destination):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="78"/>
        <source>Remote Nodes...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="80"/>
        <source>PACS and other nodes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="81"/>
        <source>Remote nodes must know this AE title, host and port to send retrieved studies here (C-MOVE).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="94"/>
        <source>Default (the user&apos;s data folder)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="95"/>
        <source>Browse...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="97"/>
        <source>Archive folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="102"/>
        <source>Archive folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="103"/>
        <source>A new location takes effect the next time Lightbox starts; the --archive option overrides it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="113"/>
        <source>Diagnostic displays are calibrated to the DICOM Grayscale Standard Display Function and checked by the QC tests; the reading viewports apply each display&apos;s calibration.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="133"/>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="133"/>
        <source>Shortcut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="139"/>
        <source>Shortcut:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="143"/>
        <source>Assign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="144"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="145"/>
        <source>Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="146"/>
        <source>Reset All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="199"/>
        <source>Default: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="227"/>
        <source>%1 is already the shortcut of &quot;%2&quot; (%3). Give that action another key first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="236"/>
        <source>Shortcut removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/SettingsDialog.cpp" line="236"/>
        <source>%1 assigned.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lightbox::app::StudySearchPanel</name>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="127"/>
        <source>Patient name (SMITH, SM*TH, *ANNA)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="131"/>
        <location filename="../app/gui/StudySearchPanel.cpp" line="198"/>
        <source>Patient ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="135"/>
        <location filename="../app/gui/StudySearchPanel.cpp" line="199"/>
        <source>Accession</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="140"/>
        <source>Any modality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="148"/>
        <location filename="../app/gui/StudySearchPanel.cpp" line="198"/>
        <source>Study date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="163"/>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="163"/>
        <source>Yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="163"/>
        <source>7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="164"/>
        <source>30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="164"/>
        <source>1 year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="164"/>
        <source>Any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="181"/>
        <source>Search in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="184"/>
        <source>Local archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="185"/>
        <source>Local archive and all remote nodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="187"/>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="198"/>
        <source>Patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="198"/>
        <source>Modality</source>
        <translation type="unfinished">Modalität</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="198"/>
        <source>Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="199"/>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="199"/>
        <source>Images</source>
        <translation type="unfinished">Bilder</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="238"/>
        <source>Retrieve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="240"/>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="291"/>
        <source>Remote node %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="377"/>
        <source>nodes file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="485"/>
        <source>Local</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="488"/>
        <source>On remote node %1: Retrieve copies it into the archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="510"/>
        <source>Searching the archive...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="511"/>
        <source>Archive: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="512"/>
        <source>Local archive: the first %1 (narrow the search)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="513"/>
        <source>Local archive: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="515"/>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="516"/>
        <source>%1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="517"/>
        <source>nodes still searching: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="588"/>
        <source>%1 · %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="589"/>
        <source>(no description)</source>
        <translation type="unfinished">(keine Beschreibung)</translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="594"/>
        <source>(on %1: Retrieve copies it here with its series)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="633"/>
        <source>%1 %2
%3 · images: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="644"/>
        <source>...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/StudySearchPanel.cpp" line="679"/>
        <source>no image</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lightbox::app::TaskPanel</name>
    <message>
        <location filename="../app/gui/ArchiveTasks.cpp" line="16"/>
        <source>Import %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/ArchiveTasks.cpp" line="17"/>
        <source>Import of %1 items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/ArchiveTasks.cpp" line="23"/>
        <source>%1 of %2 objects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/ArchiveTasks.cpp" line="29"/>
        <source>%1: kept aside as a conflict (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/ArchiveTasks.cpp" line="32"/>
        <source>%1 imported, %2 already held, %3 rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/ArchiveTasks.cpp" line="41"/>
        <source>Retrieve %1 from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/ArchiveTasks.cpp" line="58"/>
        <source>Listing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/ArchiveTasks.cpp" line="59"/>
        <source>Verifying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/ArchiveTasks.cpp" line="60"/>
        <source>Retrieving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/ArchiveTasks.cpp" line="62"/>
        <source>%1: %2 of %3 objects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/ArchiveTasks.cpp" line="65"/>
        <source>%1 retrieved, %2 already held (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/TaskPanel.cpp" line="64"/>
        <source>Clear Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/TaskPanel.cpp" line="77"/>
        <source>No tasks. Imports and retrieves appear here with their progress.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/TaskPanel.cpp" line="97"/>
        <source>Starting...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/TaskPanel.cpp" line="116"/>
        <source>Cancel</source>
        <translation type="unfinished">Abbrechen</translation>
    </message>
    <message>
        <location filename="../app/gui/TaskPanel.cpp" line="190"/>
        <location filename="../app/gui/TaskPanel.cpp" line="218"/>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/TaskPanel.cpp" line="191"/>
        <location filename="../app/gui/TaskPanel.cpp" line="219"/>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/TaskPanel.cpp" line="191"/>
        <source>Cancelled: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/TaskPanel.cpp" line="193"/>
        <location filename="../app/gui/TaskPanel.cpp" line="220"/>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/TaskPanel.cpp" line="211"/>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/TaskPanel.cpp" line="221"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/TaskPanel.cpp" line="226"/>
        <source>... and %1 more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/TaskPanel.cpp" line="234"/>
        <source>Running: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/TaskPanel.cpp" line="234"/>
        <source>No tasks. Imports and retrieves appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/TaskPanel.cpp" line="234"/>
        <source>All tasks ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/TaskPanel.cpp" line="243"/>
        <source>Cancelling...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lightbox::qc</name>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="104"/>
        <source>constancy test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="105"/>
        <source>visual check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="106"/>
        <source>acceptance test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="116"/>
        <source>Display QC report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="125"/>
        <source>Display QC report: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="131"/>
        <source>Result: PASS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="131"/>
        <source>Result: FAIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="134"/>
        <location filename="../app/qc/QcReport.cpp" line="137"/>
        <location filename="../app/qc/QcReport.cpp" line="218"/>
        <source>Display</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="138"/>
        <source>Identity key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="139"/>
        <source>Manufacturer / product code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="140"/>
        <source>Serial number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="141"/>
        <source>Manufactured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="142"/>
        <source>Native size / screen size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="144"/>
        <location filename="../app/qc/QcReport.cpp" line="162"/>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="144"/>
        <location filename="../app/qc/QcReport.cpp" line="162"/>
        <location filename="../app/qc/QcReport.cpp" line="176"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="146"/>
        <source>Conditions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="148"/>
        <location filename="../app/qc/QcReport.cpp" line="233"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="149"/>
        <source>Performed by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="150"/>
        <source>Institution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="151"/>
        <source>Meter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="152"/>
        <source>Ambient luminance (reflected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="153"/>
        <source>Ambient illuminance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="154"/>
        <source>Criteria profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="158"/>
        <source>L&apos;min / L&apos;max / LR&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="159"/>
        <source>JNDs between L&apos;min and L&apos;max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="161"/>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="164"/>
        <source>Criteria</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="169"/>
        <source> (advisory)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="176"/>
        <source>Criterion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="176"/>
        <source>Limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="176"/>
        <source>Verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="183"/>
        <source>* limit marked for checking against the primary text (see the profile file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="187"/>
        <source>Contrast response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="201"/>
        <source>No luminance-response readings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="203"/>
        <source>Uniformity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="207"/>
        <source>No uniformity readings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="210"/>
        <source>Readings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="218"/>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="218"/>
        <source>L (cd/m²)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="218"/>
        <source>L&apos; with ambient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="218"/>
        <source>Position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="218"/>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="225"/>
        <source>Performed by: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcReport.cpp" line="232"/>
        <source>Signature</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lightbox::qc::HistoryView</name>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="88"/>
        <source>Display QC history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="92"/>
        <source>Display:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="94"/>
        <source>PDF report of the selected test...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="95"/>
        <source>Export as DICOM Display System JSON...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="104"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="104"/>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="104"/>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="104"/>
        <source>Performed by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="104"/>
        <source>Meter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="105"/>
        <source>Readings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="105"/>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="123"/>
        <location filename="../app/qc/HistoryView.cpp" line="125"/>
        <source>QC report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="123"/>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="130"/>
        <source>Display System JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="130"/>
        <source>JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="164"/>
        <source>pass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="164"/>
        <source>FAIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="168"/>
        <source>L&apos;max (cd/m²) and LR&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="169"/>
        <source>L&apos;max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="170"/>
        <source>LR&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="171"/>
        <source>contrast-response error (%) and ambient (cd/m² x 100)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="172"/>
        <source>max |dL/L error| %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="176"/>
        <source>ambient x 100</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="185"/>
        <source>%1 test: due %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="186"/>
        <source> (never done)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="187"/>
        <source> - OVERDUE by %1 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/HistoryView.cpp" line="188"/>
        <source> (in %1 days)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lightbox::qc::PatternWindow</name>
    <message>
        <location filename="../app/qc/PatternWindow.cpp" line="11"/>
        <source>Lightbox test pattern</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lightbox::qc::QcWizard</name>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="89"/>
        <source>Display QC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="119"/>
        <source>Display and test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="120"/>
        <source>Choose the display to test, the test and its criteria, who performs it and the meter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="128"/>
        <source>Acceptance test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="129"/>
        <source>Constancy test (compared with the last acceptance)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="130"/>
        <source>Visual daily check (TG18-QC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="135"/>
        <source>name of the person performing the test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="137"/>
        <source>Simulated meter (calibrated demo panel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="138"/>
        <source>Colorimeter through ArgyllCMS spotread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="139"/>
        <source>Import readings from a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="140"/>
        <source>Manual entry (type each reading)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="143"/>
        <source> lx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="150"/>
        <source> cd/m² per lx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="151"/>
        <source>Measure ambient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="154"/>
        <source>reflection coefficient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="158"/>
        <source>Display:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="161"/>
        <source>Test:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="162"/>
        <source>Criteria profile:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="163"/>
        <source>Performed by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="164"/>
        <source>Meter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="165"/>
        <source>Ambient illuminance:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="174"/>
        <source>%1
identity %2, %3 x %4 pixels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="220"/>
        <source>Readings CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="220"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="238"/>
        <location filename="../app/qc/QcWizard.cpp" line="257"/>
        <source>Ambient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="239"/>
        <source>This meter does not measure illuminance; type the value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="268"/>
        <source>Measurements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="282"/>
        <source>Pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="282"/>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="282"/>
        <source>Position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="282"/>
        <source>Luminance (cd/m²)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="287"/>
        <source>Show pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="288"/>
        <source>Measure all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="289"/>
        <source>Cancel measuring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="309"/>
        <source>Look at TG18-QC on the display from the normal reading position and tick what you see:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="310"/>
        <source>all 16 luminance patches are distinct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="311"/>
        <source>the 5 % square in the black patch and the 95 % square in the white patch are visible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="312"/>
        <source>the corner targets of most patches are visible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="313"/>
        <source>the line pairs at the centre and in the corners are resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="314"/>
        <source>the ramp is smooth, without contouring; no artefacts, borders and grid straight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="320"/>
        <source>Show TG18-QC full screen (Esc closes it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="359"/>
        <source>Criteria profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="371"/>
        <source>Meter: %1. Place it on the centre of the measurement field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="372"/>
        <source>Type each reading into the table (cd/m², display only, without ambient).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="401"/>
        <source>Visual check: PASS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="401"/>
        <source>Visual check: FAIL (not every item was seen)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="419"/>
        <source>Cannot evaluate: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="424"/>
        <source>Result: PASS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="424"/>
        <source>Result: FAIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="432"/>
        <source> (advisory)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="475"/>
        <source>Measuring %1 (level %2%3)...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="524"/>
        <source>Stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="524"/>
        <source>All readings taken.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="534"/>
        <source>Measuring cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="535"/>
        <source>Reading %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="602"/>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="603"/>
        <source>Finish saves the test to the display&apos;s QC history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="609"/>
        <source>Criterion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="609"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="609"/>
        <source>Limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="609"/>
        <source>Verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="615"/>
        <source>notes (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="617"/>
        <source>Export PDF report...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="620"/>
        <location filename="../app/qc/QcWizard.cpp" line="622"/>
        <source>QC report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="620"/>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="631"/>
        <source>Nothing evaluated yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="683"/>
        <source>QC history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/qc/QcWizard.cpp" line="683"/>
        <source>The test could not be saved:
%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lightbox::viewer</name>
    <message>
        <location filename="../viewer/src/AnnotationMeasure.cpp" line="26"/>
        <source>(magnification corrected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/PresentationStateExport.cpp" line="136"/>
        <source>The viewport shows no image to save a presentation state for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/PresentationStateExport.cpp" line="140"/>
        <source>A presentation state describes the series&apos; own images; this viewport shows an MPR plane.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingAreaHanging.cpp" line="110"/>
        <source>Prior: waiting for it to arrive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingAreaHanging.cpp" line="111"/>
        <source>No matching series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingAreaHanging.cpp" line="112"/>
        <source>No prior</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/WindowPresets.cpp" line="9"/>
        <source>Brain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/WindowPresets.cpp" line="9"/>
        <source>Lung</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/WindowPresets.cpp" line="9"/>
        <source>Mediastinum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/WindowPresets.cpp" line="10"/>
        <source>Bone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/WindowPresets.cpp" line="10"/>
        <source>Abdomen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/WindowPresets.cpp" line="10"/>
        <source>Liver</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lightbox::viewer::AnnotationLayer</name>
    <message>
        <location filename="../viewer/src/AnnotationLayer.cpp" line="85"/>
        <source>Add %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/AnnotationLayer.cpp" line="93"/>
        <source>Delete %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/AnnotationLayer.cpp" line="104"/>
        <source>Edit %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lightbox::viewer::AnnotationMeasurer</name>
    <message>
        <location filename="../viewer/src/AnnotationMeasure.cpp" line="118"/>
        <source>no measurement: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/AnnotationMeasure.cpp" line="146"/>
        <source>Cobb</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/AnnotationMeasure.cpp" line="150"/>
        <source>outside the image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/AnnotationMeasure.cpp" line="158"/>
        <source>area %1, no pixel inside</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/AnnotationMeasure.cpp" line="162"/>
        <source>mean %1 SD %2%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/AnnotationMeasure.cpp" line="163"/>
        <source>min %1 max %2%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/AnnotationMeasure.cpp" line="164"/>
        <source>area %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lightbox::viewer::ImageView</name>
    <message>
        <location filename="../viewer/src/ImageView.cpp" line="60"/>
        <source>Image %1 / %2</source>
        <translation>Bild %1 / %2</translation>
    </message>
    <message>
        <location filename="../viewer/src/ImageView.cpp" line="65"/>
        <source>Cannot display this image:
%1</source>
        <translation>Dieses Bild kann nicht angezeigt werden:
%1</translation>
    </message>
    <message>
        <location filename="../viewer/src/ImageView.cpp" line="67"/>
        <source>Select a series</source>
        <translation>Serie auswählen</translation>
    </message>
</context>
<context>
    <name>lightbox::viewer::MeasurementTools</name>
    <message>
        <location filename="../viewer/src/MeasurementTools.cpp" line="252"/>
        <location filename="../viewer/src/MeasurementTools.cpp" line="355"/>
        <source>Text annotation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/MeasurementTools.cpp" line="252"/>
        <location filename="../viewer/src/MeasurementTools.cpp" line="355"/>
        <source>Text:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lightbox::viewer::OutputDepthReport</name>
    <message>
        <location filename="../viewer/src/OutputDepthCheck.cpp" line="17"/>
        <source>10 bits reach the screen: the TG18-MP pattern shows %1 of %2 gray levels (output pass %3-bit, framebuffer %4 bits per channel, screen depth %5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/OutputDepthCheck.cpp" line="21"/>
        <source>the screen is %1 bits deep (a 10-bit display needs a 30-bit X screen)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/OutputDepthCheck.cpp" line="22"/>
        <source>the viewports use the 8-bit output path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/OutputDepthCheck.cpp" line="23"/>
        <source>the graphics driver gave an %1-bit framebuffer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/OutputDepthCheck.cpp" line="24"/>
        <source>only %1 distinct levels were read back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/OutputDepthCheck.cpp" line="25"/>
        <source>Only 8 bits reach the screen: %1. The TG18-MP pattern shows %2 of %3 gray levels; the calibration LUT is applied, but its output is rounded to 256 levels.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lightbox::viewer::PresentationStateApply</name>
    <message>
        <location filename="../viewer/src/PresentationStateApply.cpp" line="190"/>
        <source>by %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lightbox::viewer::PresentationStateChooser</name>
    <message>
        <location filename="../viewer/src/PresentationStateChooser.cpp" line="17"/>
        <source>Presentation State:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/PresentationStateChooser.cpp" line="20"/>
        <location filename="../viewer/src/PresentationStateChooser.cpp" line="51"/>
        <location filename="../viewer/src/PresentationStateChooser.cpp" line="62"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/PresentationStateChooser.cpp" line="22"/>
        <source>Graphics only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/PresentationStateChooser.cpp" line="23"/>
        <source>Show the state&apos;s annotations and geometry but keep your own window</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lightbox::viewer::ReadingArea</name>
    <message>
        <location filename="../viewer/src/ReadingArea.cpp" line="52"/>
        <source>Layout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingArea.cpp" line="54"/>
        <source>1x1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingArea.cpp" line="55"/>
        <source>1x2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingArea.cpp" line="56"/>
        <source>2x2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingArea.cpp" line="57"/>
        <source>3x3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingArea.cpp" line="58"/>
        <source>MPR + 3D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingArea.cpp" line="63"/>
        <source>Save GSPS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingArea.cpp" line="73"/>
        <source>Loading %p%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingArea.cpp" line="77"/>
        <source>Cancel</source>
        <translation type="unfinished">Abbrechen</translation>
    </message>
    <message numerus="yes">
        <location filename="../viewer/src/ReadingArea.cpp" line="135"/>
        <source>%1 %2
%n image(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingArea.cpp" line="197"/>
        <location filename="../viewer/src/ReadingAreaHanging.cpp" line="492"/>
        <source>The series could not be loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../viewer/src/ReadingArea.cpp" line="314"/>
        <source>Presentation state saved with %n annotation(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../viewer/src/ReadingArea.cpp" line="316"/>
        <source>%n annotation(s) on MPR planes not included</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingAreaHanging.cpp" line="186"/>
        <source>Next Hanging Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingAreaHanging.cpp" line="189"/>
        <source>Previous Hanging Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingAreaHanging.cpp" line="206"/>
        <source>Loading was cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingAreaHanging.cpp" line="247"/>
        <source>No hanging protocol matches the study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingAreaHanging.cpp" line="343"/>
        <source>Protocol: %1 - %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingAreaHanging.cpp" line="344"/>
        <source>Protocol: %1 - %2 (stage %3 of %4, Shift+PgDown/PgUp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingAreaHanging.cpp" line="389"/>
        <source>The series is not in the study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/ReadingAreaHanging.cpp" line="406"/>
        <source>Loading...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lightbox::viewer::ShortcutHelpOverlay</name>
    <message>
        <location filename="../viewer/src/ShortcutHelpOverlay.cpp" line="135"/>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutHelpOverlay.cpp" line="138"/>
        <source>Settings &gt; Shortcuts changes them. Any key closes this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/ShortcutHelpOverlay.cpp" line="164"/>
        <source>(none)</source>
        <translation type="unfinished"></translation>
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
        <location filename="../viewer/src/Viewport.cpp" line="316"/>
        <source>Im %1/%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/Viewport.cpp" line="317"/>
        <source>MPR %1 %2/%3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lightbox::viewer::ViewportSync</name>
    <message>
        <location filename="../viewer/src/ViewportSync.cpp" line="55"/>
        <source>Synchronise Scrolling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/ViewportSync.cpp" line="56"/>
        <source>Synchronise Window/Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/ViewportSync.cpp" line="57"/>
        <source>Synchronise Zoom/Pan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/ViewportSync.cpp" line="58"/>
        <source>Next Sync Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/ViewportSync.cpp" line="59"/>
        <source>Offset Against Sync Partners: Previous Slice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/ViewportSync.cpp" line="60"/>
        <source>Offset Against Sync Partners: Next Slice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/ViewportSync.cpp" line="61"/>
        <source>Clear Sync Offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/ViewportSync.cpp" line="477"/>
        <source>Sync %1: %2 %3 %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/ViewportSync.cpp" line="499"/>
        <source>registering…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/ViewportSync.cpp" line="500"/>
        <source>not registered: table position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/ViewportSync.cpp" line="501"/>
        <source>table position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/ViewportSync.cpp" line="502"/>
        <source>registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../viewer/src/ViewportSync.cpp" line="504"/>
        <source>offset %1%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/gui/main.cpp" line="38"/>
        <source>Lightbox diagnostic reading workstation</source>
        <translation>Lightbox Befundungsarbeitsplatz</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="41"/>
        <source>The embedded archive&apos;s folder (created if missing).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="42"/>
        <source>View a folder of DICOM files without importing it, or open a study of the archive by its Study Instance UID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="43"/>
        <source>Viewport layout for --open STUDY_UID: 1x1, 1x2, 2x2, 3x3 or mpr (default: the hanging protocol&apos;s, with priors).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="44"/>
        <source>Print how long opening the study took (first image, prior in place) on stderr.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="45"/>
        <source>Receive DICOM objects on this port (Storage SCP).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="46"/>
        <source>AE title of the listener (default LIGHTBOX).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="82"/>
        <location filename="../app/gui/main.cpp" line="100"/>
        <location filename="../app/gui/main.cpp" line="110"/>
        <source>Lightbox</source>
        <translation type="unfinished">Lightbox</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="83"/>
        <source>The archive at %1 cannot be opened:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder of DICOM files to open.</source>
        <translation type="vanished">Zu öffnender Ordner mit DICOM-Dateien.</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="47"/>
        <source>Save a screenshot after loading and quit.</source>
        <translation>Nach dem Laden ein Bildschirmfoto speichern und beenden.</translation>
    </message>
</context>
</TS>
