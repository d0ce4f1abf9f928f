// Passages as the loaders hand them over from real technical books, for quote-assembly tests.
// Short excerpts, kept verbatim (line breaks as extracted), from Debian's documentation
// packages: "An Introduction to R" (r-doc-pdf, GPL-2+), the Debian Developer's Reference
// (developers-reference, -ru; MIT-style licence) and the Debian New Maintainers' Guide in
// Russian (maint-guide-ru, GPL-2+).
import type { Passage } from "../../src/retrieval/types.js";
import { passage } from "./passages.js";

/** An EPUB passage: cited by chapter, without the page `passage()` gives by default. */
function chapterPassage(text: string, overrides: Partial<Passage>): Passage {
  const { page: _page, ...withoutPage } = passage(text, overrides);
  return withoutPage;
}

/** R-intro.pdf p. 3–4: a numbered procedure whose steps introduce command lines. */
export const rIntroSession: Passage = passage(
  "In using R under UNIX the suggested procedure for the first occasion is as follows:\n\n" +
    "1. Create a separate sub-directory, say work, to hold data files on which you will use R for\n" +
    "this problem. This will be the working directory whenever you use R for this particular\n" +
    "problem.\n\n$ mkdir work\n$ cd work\n\n" +
    "2. Start the R program with the command\n\n$ R\n\n" +
    "3. At this point R commands may be issued (see later).\n\n" +
    "4. To quit the R program the command is\n\n> q()\n\n" +
    "At this point you will be asked whether you want to save the data from your R session.\n" +
    "On some systems this will bring up a dialog box, and on others you will receive a text\n" +
    "prompt to which you can respond yes, no or cancel (a single letter abbreviation will\n" +
    "do) to save the data before quitting, quit without saving, or return to the R session.",
  { title: "An Introduction to R", file: "R-intro.pdf", page: 9, pageEnd: 10, score: 0.27 },
);

/** R-intro.pdf p. 13: a definition in parentheses, after a page number and a heading. */
export const rIntroLogical: Passage = passage(
  "8\n2.4 Logical vectors\n\n" +
    "As well as numerical vectors, R allows manipulation of logical quantities. The elements\n" +
    "of a logical vector can have the values TRUE, FALSE, and NA (for “not available”, see below).\n" +
    "The first two are often abbreviated as T and F, respectively.",
  { title: "An Introduction to R", file: "R-intro.pdf", page: 13, score: 0.2 },
);

/** developers-reference.epub, "Beyond Packaging": a colon, then a command with an option. */
export const devrefSigningKey: Passage = chapterPassage(
  "Note that you should not need to modify the source package to put your name in the changelog or in the control file. " +
    "The Maintainer field of the control file and the changelog should list the person who did the packaging, i.e. the sponsee. " +
    "That way they will get all the BTS mail.\n\n" +
    "Instead, you should instruct dpkg-buildpackage to use your key for the signature. You do that with the -k option:\n\n" +
    "dpkg-buildpackage -kKEY-ID\n\n" +
    "If you use debuild and debsign, you can even configure it permanently in ~/.devscripts:\n\n" +
    "DEBSIGN_KEYID=KEY-ID\n\n" +
    "7.5.1.2. Sponsoring an update of an existing package",
  { title: "developers-reference", file: "devref-en.epub", chapter: "Beyond Packaging", score: 0.3 },
);

/** developers-reference ru, «Управление пакетами»: an acronym explained in a sentence. */
export const devrefFtbfs: Passage = chapterPassage(
  "Если вы получили сообщение об ошибке, в котором упоминается FTBFS, то это означает Fails to build from source (не удалось собрать из исходного кода). " +
    "Те, кто занимаются переносами, часто используют данный акроним.\n\n" +
    "Как только вы закончили работать с сообщением об ошибке (напр., исправили ошибку) отметьте его как завершённое.",
  { title: "developers-reference", file: "devref-ru.epub", chapter: "Управление пакетами", score: 0.1 },
);

/** maint-guide.ru.pdf p. 26: a sentence that introduces a bulleted list. */
export const maintGuideTargets: Passage = passage(
  "A rule that you want to execute is invoked by its target name as a command line argument.\n\n" +
    "Упрощённое объяснение целей:\n" +
    "• Цель clean служит для удаления всех скомпилированных, сгенерированных и бесполезных файлов в дереве сборки\n" +
    "(требуемая).\n" +
    "• Цель build служит для сборки исходного кода в скомпилированные программы и отформатированные документы в\n" +
    "дереве сборки (требуемая).\n" +
    "• Цель install служит для установки файлов в дерево файлов для каждого двоичного пакета из каталога debian\n" +
    "(необязательная).\n\n" +
    "Далее описаны дополнительные цели.",
  { title: "Руководство начинающего разработчика Debian", file: "maint-guide.ru.pdf", page: 26, score: 0.3 },
);

/**
 * developers-reference.epub, "Managing Packages": a sentence that introduces a table (cells
 * as the EPUB loader joins them, " | " between cells of a row).
 */
export const devrefOutdatedTable: Passage = chapterPassage(
  "For the testing migration script, outdated means: There are different versions in unstable for the release architectures.\n\n" +
    "Consider this example:\n\n" +
    " | alpha | arm\ntesting | 1 | -\nunstable | 1 | 2\n\n" +
    "The package is out of date on alpha in unstable, and will not go to testing.",
  { title: "developers-reference", file: "devref-en.epub", chapter: "Managing Packages", score: 0.3 },
);

/** R-intro.pdf p. 12: a sentence the command interrupts ("The R command" / `> objects()` / "(alternatively, ls()) can be used…"). */
export const rIntroObjects: Passage = passage(
  "1.11 Data permanency and removing objects\n" +
    "The entities that R creates and manipulates are known as objects. These may be variables,\n" +
    "arrays of numbers, character strings, functions, or more general structures built from such\n" +
    "components.\n" +
    "During an R session, objects are created and stored by name (we discuss this process in\n" +
    "the next section). The R command\n" +
    "> objects()\n" +
    "(alternatively, ls()) can be used to display the names of (most of) the objects which are\n" +
    "currently stored within R. The collection of objects currently stored is called the workspace.",
  { title: "An Introduction to R", file: "R-intro.pdf", page: 12, score: 0.3 },
);

/** maint-guide.ru.pdf p. 42: prerequisites as a list, then "Затем выполните…:" and the command. */
export const maintGuideFullBuild: Passage = passage(
  "6.1 Полная (пере)сборка\n\n" +
    "Для полной (пере)сборки пакета, необходимо убедиться в установке следующего:\n\n" +
    "• пакета build-essential,\n\n" +
    "• пакетов, перечисленных в поле Build-Depends (смотрите Раздел 4.1) и\n\n" +
    "• пакетов, перечисленных в поле Build-Depends-indep (смотрите Раздел 4.1).\n\n" +
    "Затем выполните следующую команду в каталоге с исходным кодом:\n\n" +
    "$ dpkg-buildpackage -us -uc\n\n" +
    "Она сделает всё, что необходимо для создания всех двоичных пакетов и пакета с исходным кодом.",
  { title: "Руководство начинающего разработчика Debian", file: "maint-guide.ru.pdf", page: 48, score: 0.35 },
);

/** The Devil's Dictionary (Standard Ebooks EPUB), "B": headwords on their own line, definitions below. */
export const devilsDictionaryB: Passage = chapterPassage(
  "Bondsman\n\n" +
    "A fool who, having property of his own, undertakes to become responsible for that entrusted to another to a third.\n\n" +
    "Bore\n\n" +
    "A person who talks when you wish him to listen.\n\n" +
    "Botany\n\n" +
    "The science of vegetables—those that are not good to eat, as well as those that are.",
  { title: "The Devil’s Dictionary", file: "the-devils-dictionary.epub", chapter: "B", score: 0.13 },
);

/** Tae Kim's guide (Russian EPUB): a section headed by the question itself. */
export const taeKimKanji: Passage = chapterPassage(
  "Что такое кандзи?\n\n" +
    "В японском языке существительные и корни глаголов и прилагательных практически всегда записываются китайскими символами, называемыми кандзи. " +
    "Для наречий также очень часто используются кандзи.",
  {
    title: "Японский путеводитель по японской грамматике",
    file: "TaeKim_RU.epub",
    chapter: "2. Система письма",
    score: 0.4,
  },
);

/** developers-reference.epub, 5.10.2.1: a footnote reference after a sentence. */
export const devrefBinNmu: Passage = chapterPassage(
  "If the last upload was version 3.4+b1 (i.e., a native package with a previous recompilation NMU), " +
    "your binary-only NMU should get a version number of 3.4+b2. [2]\n\n" +
    "Similar to initial porter uploads, the correct way of invoking dpkg-buildpackage is dpkg-buildpackage -B " +
    "to only build the architecture-dependent parts of the package.",
  {
    title: "Debian Developer's Reference",
    file: "developers-reference.epub",
    chapter: "Managing Packages",
    score: 0.3,
  },
);

/**
 * install.en.pdf (installation-guide-amd64), p. 28–29: a list cut by the page's footnote,
 * as the text layer gives it, and the next section's title glued to its first paragraph.
 */
export const installFrontends: Passage = passage(
  "DEBIAN_FRONTEND This boot parameter controls the type of user interface used for the installer. The current\n" +
    "possible parameter settings are:\n\n" +
    "• DEBIAN_FRONTEND=noninteractive\n\n" +
    "¹With current kernels (2.6.9 or newer) you can use 32 command line options and 32 environment options. If these numbers are exceeded, the\n" +
    "kernel will panic. Also there is a limit of 255 characters for the whole kernel command line, everything above this limit may be silently truncated.\n" +
    "• DEBIAN_FRONTEND=text\n\n" +
    "• DEBIAN_FRONTEND=newt\n\n" +
    "• DEBIAN_FRONTEND=gtk\n\n" +
    "The default frontend is DEBIAN_FRONTEND=newt. DEBIAN_FRONTEND=text may be preferable for\n" +
    "serial console installs.",
  { title: "Debian GNU/Linux Installation Guide", file: "install.en.pdf", page: 38, pageEnd: 39, score: 0.48 },
);

/** install.en.pdf p. 45: a chunk that starts inside the section number "6.1". */
export const installHowItWorks: Passage = passage(
  ".1 How the Installer Works\n" +
    "For this architecture the debian-installer supports two different user interfaces: a graphical one and a text-\n" +
    "based one. The graphical interface is used by default unless you select an “Install” option in the boot menu.",
  { title: "Debian GNU/Linux Installation Guide", file: "install.en.pdf", page: 45, score: 0.43 },
);

/** maint-guide.ru.pdf, «6.4 Пакет pbuilder»: what pbuilder is for, with its footnote mark. */
export const maintGuidePbuilder: Passage = passage(
  "6.4 Пакет pbuilder\n\n" +
    "В чистой среде сборки (chroot) для проверки пакетных зависимостей очень полезен пакет pbuilder ⁵. Он поможет\n" +
    "убедиться в чистоте сборки под управлением auto-builder из sid для различных архитектур и избежать опасной ошибки\n" +
    "FTBFS (ошибка сборки из исходного кода), которая всегда относится к категории RC (критична для данного выпуска).\n\n" +
    "Смотрите http://www.netfort.gr.jp/~dancer/software/pbuilder.html, pdebuild(1), pbuilderrc(5) и pbuilder(8).",
  { title: "Руководство начинающего разработчика Debian", file: "maint-guide.ru.pdf", page: 52, score: 0.26 },
);

/** R-intro.pdf p. 12: a file name the sentence splitter used to cut at its dot (".RData"). */
export const rIntroWorkspace: Passage = passage(
  "All objects created during an R session can be stored permanently in a file for use in\n" +
    "future R sessions. At the end of each R session you are given the opportunity to save all\n" +
    "the currently available objects. If you indicate that you want to do this, the objects are\n" +
    "written to a file called .RData⁵ in the current directory, and the command lines used in the\n" +
    "session are saved to a file called .Rhistory.",
  { title: "An Introduction to R", file: "R-intro.pdf", page: 12, score: 0.46 },
);

/** The Devil's Dictionary (Standard Ebooks EPUB): the author's preface, which says "Cynic" often. */
export const devilsDictionaryPreface: Passage = chapterPassage(
  "In that year a large part of it was published in covers with the title The Cynic’s Word Book, a name which " +
    "the author had not the power to reject or happiness to approve. To quote the publishers of the present work:\n\n" +
    "“This more reverent title had previously been forced upon him by the religious scruples of the last newspaper " +
    "in which a part of the work had appeared, with the natural consequence that when it came out in covers the " +
    "country already had been flooded by its imitators with a score of ‘cynic’ books—The Cynic’s This, The Cynic’s " +
    "That, and The Cynic’s t’Other.”",
  { title: "The Devil’s Dictionary", file: "the-devils-dictionary.epub", chapter: "Author’s Preface", score: 0.29 },
);

/** The Devil's Dictionary, letter C: the entry itself, under its headword. */
export const devilsDictionaryC: Passage = chapterPassage(
  "Curse\n\n" +
    "Energetically to belabor with a verbal slapstick. This is an operation which in literature, particularly in " +
    "the drama, is commonly fatal to the victim.\n\n" +
    "Cynic\n\n" +
    "A blackguard whose faulty vision sees things as they are, not as they ought to be. Hence the custom among the " +
    "Scythians of plucking out a cynic’s eyes to improve his vision.",
  { title: "The Devil’s Dictionary", file: "the-devils-dictionary.epub", chapter: "C", score: 0.23 },
);

/** maint-guide.ru.pdf, «Команда debuild»: the command names the tool the question asks about. */
export const maintGuideDebuild: Passage = passage(
  "Для очистки каталога исходного кода и пересборки пакета выполните:\n\n$ debuild\n\n" +
    "Для очистки древа исходного кода выполните:\n\n$ debuild -- clean",
  { title: "Руководство начинающего разработчика Debian", file: "maint-guide.ru.pdf", page: 41, score: 0.44 },
);

/** maint-guide.ru.pdf, «Autobuilder»: the same words in a list of what a build does, no command. */
export const maintGuideBuildSteps: Passage = passage(
  "Она выполняет следующие действия:\n\n" +
    "• очистку дерева исходного кода (debian/rules clean)\n\n" +
    "• сборку программы (debian/rules build)\n\n" +
    "• подпись файла исходного кода .dsc с помощью gpg",
  { title: "Руководство начинающего разработчика Debian", file: "maint-guide.ru.pdf", page: 30, score: 0.31 },
);

/** devref-ru.epub, «Использование очереди DELAYED/»: a delay of 7 days, as an example. */
export const devrefDelayedExample: Passage = chapterPassage(
  "Например, вместо того, чтобы сообщить сопровождающему о том, что вы собираетесь загрузить обновлённый пакет в " +
    "течении 7 дней, вам следует загрузить пакет в DELAYED/7 и сообщить сопровождающему, что у него имеется 7 дней " +
    "для того, чтобы отреагировать на это.",
  {
    title: "Справочник разработчика Debian",
    file: "devref-ru.epub",
    chapter: "Использование очереди DELAYED/",
    score: 0.38,
  },
);

/** devref-ru.epub, «Задержанные загрузки»: the allowed range of the delay. */
export const devrefDelayedRange: Passage = chapterPassage(
  "Загрузка в каталог задержанных пакетов приводит к сохранению пакета в очереди отложенной загрузки. Когда указанное " +
    "время ожидания истечёт, пакет будет перемещён в обычный каталог входящих пакетов для его обработки. Это " +
    "производится путём автоматической загрузки на ftp.upload.debian.org в каталог загрузки DELAYED/X-day (X может " +
    "быть в интервале от 0 до 15). 0-дней загружается несколько раз в день на ftp.upload.debian.org.",
  { title: "Справочник разработчика Debian", file: "devref-ru.epub", chapter: "Задержанные загрузки", score: 0.5 },
);

/**
 * install.en.pdf p. 21–22, «4.7 Verifying the integrity of installation files»: the PDF lost the
 * colon after "use", and the command stands alone without any mark of code.
 */
export const installChecksum: Passage = passage(
  "4.7 Verifying the integrity of installation files\n" +
    "\n" +
    "You can verify the integrity of downloaded files against checksums provided in SHA256SUMS or SHA512SUMS\n" +
    "files on Debian mirrors. You can find them in the same places as the installation images itself. Visit the following\n" +
    "locations:\n" +
    "• checksum files for CD images,\n" +
    "\n" +
    "• checksum files for DVD images,\n" +
    "\n" +
    "• checksum files for BD images,\n" +
    "\n" +
    "• checksum files for other installation files.\n" +
    "\n" +
    "To compute the checksum of a downloaded installation file, use\n" +
    "\n" +
    "sha256sum filename.iso\n" +
    "\n" +
    "respective\n" +
    "\n" +
    "sha512sum filename.iso\n" +
    "\n" +
    "and then compare the shown checksum against the corresponding one in the SHA256SUMS respective SHA512SUMS\n" +
    "file.",
  { title: "Debian GNU/Linux Installation Guide", file: "install.en.pdf", page: 21, pageEnd: 22, score: 0.5 },
);

/** install.en.pdf p. 39, «Looking for the Debian Installer ISO Image»: the same words, no command. */
export const installIsoScan: Passage = passage(
  ".3.1.4 Looking for the Debian Installer ISO Image\n" +
    "When installing via the hd-media method, there will be a moment where you need to find and mount the Debian\n" +
    "Installer iso image in order to get the rest of the installation files. The component iso-scan does exactly this.\n" +
    "At first, iso-scan automatically mounts all block devices (e.g. partitions and logical volumes) which have some\n" +
    "known filesystem on them and sequentially searches for filenames ending with .iso (or .ISO for that matter).\n" +
    "Beware that the first attempt scans only files in the root directory and in the first level of subdirectories (i.e. it finds\n" +
    "/whatever.iso, /data/whatever.iso, but not /data/tmp/whatever.iso). After an iso image has been\n" +
    "found, iso-scan checks its content to determine if the image is a valid Debian iso image or not. In the former case we\n" +
    "are done, in the latter iso-scan seeks for another image.\n" +
    "In case the previous attempt to find an installer iso image fails, iso-scan will ask you whether you would like to\n" +
    "perform a more thorough search. This pass doesn’t just look into the topmost directories, but really traverses whole\n" +
    "filesystem.\n" +
    "If iso-scan does not discover your installer iso image, reboot back to your original operating system and check if\n" +
    "the image is named correctly (ending in .iso), if it is placed on a filesystem recognizable by debian-installer,\n" +
    "and if it is not corrupted (verify the checksum). Experienced Unix users could do this without rebooting on the second\n" +
    "console.\n" +
    "Note that the partition (or disk) hosting the ISO image can’t be reused during the installation process as it will be in\n" +
    "use by the installer. To work-around this, and provided that you have enough system memory, the installer can copy the\n" +
    "ISO image into RAM before mounting it. This is controlled by the low priority iso-scan/copy_iso_to_ram\n" +
    "debconf question (it is only asked if the memory requirement is met).",
  { title: "Debian GNU/Linux Installation Guide", file: "install.en.pdf", page: 39, score: 0.31 },
);

/** install.en.pdf p. 26, «5.1.6 The Graphical Installer»: the note on its memory, as the section ends. */
export const installGraphicalMemory: Passage = passage(
  "NOTE\n" +
    "\n" +
    "The graphical installer requires significantly more memory to run than the text-based\n" +
    "installer: 810MB. If insufficient memory is available, it will automatically fall back to\n" +
    "the text-based “newt” frontend.\n" +
    "\n" +
    "If the amount of memory in your system is below 780MB, the graphical installer may\n" +
    "fail to boot at all while booting the text-based installer would still work. Using the\n" +
    "text-based installer is recommended for systems with little available memory.",
  { title: "Debian GNU/Linux Installation Guide", file: "install.en.pdf", page: 26, score: 0.42 },
);

/** install.en.pdf p. 37, «6.3.1.1 Check available memory / low memory mode»: its first paragraph. */
export const installLowMemory: Passage = passage(
  "6.3.1.1 Check available memory / low memory mode\n" +
    "One of the first things debian-installer does, is to check available memory. If the available memory is limited,\n" +
    "this component will make some changes in the installation process which hopefully will allow you to install Debian\n" +
    "GNU/Linux on your system.",
  { title: "Debian GNU/Linux Installation Guide", file: "install.en.pdf", page: 37, score: 0.47 },
);
