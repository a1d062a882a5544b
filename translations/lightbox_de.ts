<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>lightbox::app::MainWindow</name>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="22"/>
        <location filename="../app/gui/MainWindow.cpp" line="101"/>
        <source>Lightbox</source>
        <translation>Lightbox</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="27"/>
        <source>Studies</source>
        <translation>Studien</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="35"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="36"/>
        <source>&amp;Open Folder or DICOMDIR...</source>
        <translation>Ordner oder DICOMDIR &amp;öffnen...</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="39"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="42"/>
        <source>No archive open</source>
        <translation>Kein Archiv geöffnet</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="45"/>
        <source>Image %1 of %2</source>
        <translation>Bild %1 von %2</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="55"/>
        <source>Open DICOM folder</source>
        <translation>DICOM-Ordner öffnen</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="62"/>
        <source>Reading %1...</source>
        <translation>Lese %1...</translation>
    </message>
    <message>
        <location filename="../app/gui/MainWindow.cpp" line="62"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/MainWindow.cpp" line="104"/>
        <source>%n patient(s)</source>
        <translation>
            <numerusform>%n Patient</numerusform>
            <numerusform>%n Patienten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/MainWindow.cpp" line="105"/>
        <source>%n series</source>
        <translation>
            <numerusform>%n Serie</numerusform>
            <numerusform>%n Serien</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/MainWindow.cpp" line="106"/>
        <source>%n file(s) skipped</source>
        <translation>
            <numerusform>%n Datei übersprungen</numerusform>
            <numerusform>%n Dateien übersprungen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lightbox::viewer::ImageView</name>
    <message>
        <location filename="../viewer/src/ImageView.cpp" line="59"/>
        <source>Image %1 / %2</source>
        <translation>Bild %1 / %2</translation>
    </message>
    <message>
        <location filename="../viewer/src/ImageView.cpp" line="64"/>
        <source>Cannot display this image:
%1</source>
        <translation>Dieses Bild kann nicht angezeigt werden:
%1</translation>
    </message>
    <message>
        <location filename="../viewer/src/ImageView.cpp" line="66"/>
        <source>Select a series</source>
        <translation>Serie auswählen</translation>
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
    <name>main</name>
    <message>
        <location filename="../app/gui/main.cpp" line="23"/>
        <source>Lightbox diagnostic reading workstation</source>
        <translation>Lightbox Befundungsarbeitsplatz</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="26"/>
        <source>Folder of DICOM files to open.</source>
        <translation>Zu öffnender Ordner mit DICOM-Dateien.</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="27"/>
        <source>Save a screenshot after loading and quit.</source>
        <translation>Nach dem Laden ein Bildschirmfoto speichern und beenden.</translation>
    </message>
</context>
</TS>
