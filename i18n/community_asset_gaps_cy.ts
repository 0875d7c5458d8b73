<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy" sourcelanguage="en">
<context>
    <name>AssetGaps</name>
    <message>
        <location filename="../algorithms/accessscore.py" line="34"/>
        <location filename="../algorithms/model.py" line="48"/>
        <source>Multi-asset access score</source>
        <translation>Sgôr mynediad aml-ased</translation>
    </message>
    <message>
        <location filename="../algorithms/accessscore.py" line="35"/>
        <source>For every origin (home, grid cell, LSOA), the walking cost to the nearest asset of each kind, the share of its people within that kind's threshold, whether it reaches the kind, how many kinds it reaches and a 0-100 score (the weighted mean of the shares).

A point origin is judged at its point: its share is 0 or 100. A polygon origin (output area, LSOA, grid cell) is judged by default by the share of its area within each kind's catchment (only its part in the residential mask, when one is given, carries people); it reaches a kind when at least half its people do. It can instead be judged at one point on its surface. Costs are walked from that point.

Each kind is one search over the network from all its assets at once. An origin farther than the snap distance from the network (a polygon: no part of it within it) gets status 'unreached' and NULL results. A kind is costed up to three times its threshold; beyond that its cost is NULL.

The optional surface overlays every kind's catchment; for polygon origins judged by area with a population field, its pieces carry their people.</source>
        <translation>Ar gyfer pob man cychwyn (cartref, cell grid, LSOA), y gost cerdded i'r ased agosaf o bob math, cyfran ei bobl o fewn trothwy'r math hwnnw, a yw'n cyrraedd y math, faint o fathau y mae'n eu cyrraedd a sgôr 0-100 (cymedr pwysol y cyfrannau).

Caiff man cychwyn sy'n bwynt ei farnu yn ei bwynt: 0 neu 100 yw ei gyfran. Caiff man cychwyn sy'n bolygon (ardal allbwn, LSOA, cell grid) ei farnu yn ddiofyn yn ôl cyfran ei arwynebedd o fewn dalgylch pob math (dim ond ei ran yn y masg preswyl, pan roddir un, sy'n cario pobl); mae'n cyrraedd math pan fo o leiaf hanner ei bobl yn ei gyrraedd. Gellir ei farnu yn hytrach mewn un pwynt ar ei arwyneb. Cerddir y costau o'r pwynt hwnnw.

Mae pob math yn un chwiliad dros y rhwydwaith o'i holl asedau ar unwaith. Mae man cychwyn sy'n bellach na'r pellter snapio o'r rhwydwaith (polygon: dim rhan ohono o fewn y pellter hwnnw) yn cael y statws 'unreached' a chanlyniadau NULL. Caiff math ei gostio hyd at dair gwaith ei drothwy; y tu hwnt i hynny mae ei gost yn NULL.

Mae'r arwyneb dewisol yn troshaenu dalgylch pob math; ar gyfer mannau cychwyn polygon a farnwyd yn ôl arwynebedd gyda maes poblogaeth, mae ei ddarnau'n cario eu pobl.</translation>
    </message>
    <message>
        <location filename="../algorithms/accessscore.py" line="58"/>
        <source>How far either side of a reachable street a catchment reaches: for the surface, and for the area shares of polygon origins.</source>
        <translation>Pa mor bell bob ochr i stryd o fewn cyrraedd y mae dalgylch yn cyrraedd: ar gyfer yr arwyneb, ac ar gyfer cyfrannau arwynebedd mannau cychwyn polygon.</translation>
    </message>
    <message>
        <location filename="../algorithms/accessscore.py" line="61"/>
        <location filename="../algorithms/model.py" line="120"/>
        <location filename="../algorithms/parameters.py" line="569"/>
        <location filename="../ui/analysis_run.py" line="165"/>
        <location filename="../ui/analysis_run.py" line="202"/>
        <source>Access scores</source>
        <translation>Sgorau mynediad</translation>
    </message>
    <message>
        <location filename="../algorithms/accessscore.py" line="61"/>
        <source>The origins with, per kind K, K_cost, K_share (% of the origin's people within reach), K_ok (1 when K_share is at least 50) and K_limit (the kind's reach threshold); then status, n_reached, n_missing, missing, score (0-100) and cost_type (the unit of the costs and limits).</source>
        <translation>Y tarddleoedd gyda, fesul math K, K_cost, K_share (% o bobl y tarddle o fewn cyrraedd), K_ok (1 pan fo K_share yn 50 o leiaf) a K_limit (trothwy cyrraedd y math); yna status, n_reached, n_missing, missing, score (0-100) a cost_type (uned y costau a'r terfynau).</translation>
    </message>
    <message>
        <location filename="../algorithms/accessscore.py" line="66"/>
        <location filename="../ui/analysis_run.py" line="165"/>
        <source>Access surface</source>
        <translation>Arwyneb mynediad</translation>
    </message>
    <message>
        <location filename="../algorithms/accessscore.py" line="66"/>
        <source>The overlay of every kind's catchment: pieces with n_reached, reached and missing; for polygon origins judged by area, the pieces of each origin, with population when a population field is given.</source>
        <translation>Troshaen dalgylch pob math: darnau gyda n_reached, reached a missing; ar gyfer mannau cychwyn polygon a farnwyd yn ôl arwynebedd, darnau pob man cychwyn, gyda population pan roddir maes poblogaeth.</translation>
    </message>
    <message>
        <location filename="../algorithms/accessscore.py" line="82"/>
        <location filename="../algorithms/scenario.py" line="165"/>
        <source>RESIDENTIAL_MASK "{layer}" is ignored: it is used only for polygon origins judged by area share.</source>
        <translation>Anwybyddir RESIDENTIAL_MASK "{layer}": dim ond ar gyfer mannau cychwyn polygon a farnwyd yn ôl cyfran arwynebedd y caiff ei ddefnyddio.</translation>
    </message>
    <message>
        <location filename="../algorithms/accessscore.py" line="96"/>
        <location filename="../algorithms/readers.py" line="440"/>
        <source>The layer "{name}" ({role}) has no features.</source>
        <translation>Nid oes nodweddion yn yr haen "{name}" ({role}).</translation>
    </message>
    <message>
        <location filename="../algorithms/accessscore.py" line="98"/>
        <location filename="../algorithms/accessscore.py" line="99"/>
        <location filename="../algorithms/scenario.py" line="180"/>
        <source>assets</source>
        <translation>asedau</translation>
    </message>
    <message>
        <location filename="../algorithms/accessscore.py" line="109"/>
        <location filename="../algorithms/accessscore.py" line="113"/>
        <location filename="../algorithms/base.py" line="163"/>
        <location filename="../algorithms/catchments.py" line="98"/>
        <source>write</source>
        <translation>ysgrifennu</translation>
    </message>
    <message>
        <location filename="../algorithms/accessscore.py" line="126"/>
        <location filename="../algorithms/accessscore.py" line="135"/>
        <location filename="../algorithms/accessscore.py" line="138"/>
        <location filename="../algorithms/catchments.py" line="71"/>
        <location filename="../algorithms/catchments.py" line="78"/>
        <source>search</source>
        <translation>chwilio</translation>
    </message>
    <message>
        <location filename="../algorithms/accessscore.py" line="130"/>
        <location filename="../algorithms/accessscore.py" line="147"/>
        <location filename="../algorithms/accessscore.py" line="177"/>
        <location filename="../algorithms/catchments.py" line="83"/>
        <location filename="../algorithms/layers.py" line="66"/>
        <source>polygons</source>
        <translation>polygonau</translation>
    </message>
    <message>
        <location filename="../algorithms/accessscore.py" line="159"/>
        <source>search and area shares</source>
        <translation>chwilio a chyfrannau arwynebedd</translation>
    </message>
    <message>
        <location filename="../algorithms/accessscore.py" line="171"/>
        <location filename="../algorithms/scenario.py" line="235"/>
        <source>Polygon origins with no part in RESIDENTIAL_MASK "{layer}", whose whole area carries their people: {count}.</source>
        <translation>Mannau cychwyn polygon heb ran yn RESIDENTIAL_MASK "{layer}", y mae eu harwynebedd cyfan yn cario eu pobl: {count}.</translation>
    </message>
    <message>
        <location filename="../algorithms/accessscore.py" line="224"/>
        <source>Within reach (origins on the network: {count}):</source>
        <translation>O fewn cyrraedd (mannau cychwyn ar y rhwydwaith: {count}):</translation>
    </message>
    <message>
        <location filename="../algorithms/accessscore.py" line="230"/>
        <source>  {kind} within {threshold:g} {unit}: {share:.0f}% of origins</source>
        <translation>  {kind} o fewn {threshold:g} {unit}: {share:.0f}% o'r mannau cychwyn</translation>
    </message>
    <message>
        <location filename="../algorithms/accessscore.py" line="236"/>
        <source>, {share:.0f}% of people</source>
        <translation>, {share:.0f}% o'r bobl</translation>
    </message>
    <message>
        <location filename="../algorithms/accessscore.py" line="240"/>
        <source>Polygon origins judged by the share of their area within reach; an origin reaches a kind when at least {majority:g}% of its people do.</source>
        <translation>Barnwyd mannau cychwyn polygon yn ôl cyfran eu harwynebedd o fewn cyrraedd; mae man cychwyn yn cyrraedd math pan fo o leiaf {majority:g}% o'i bobl yn ei gyrraedd.</translation>
    </message>
    <message>
        <location filename="../algorithms/accessscore.py" line="279"/>
        <source>Access surface: {pieces} pieces holding {people:,.1f} people, of the {total:,.1f} living in the polygon origins on the network.</source>
        <translation>Arwyneb mynediad: {pieces} o ddarnau yn dal {people:,.1f} o bobl, o'r {total:,.1f} sy'n byw yn y mannau cychwyn polygon ar y rhwydwaith.</translation>
    </message>
    <message>
        <location filename="../algorithms/areaprofile.py" line="25"/>
        <source>Area profile (zones x access x deprivation)</source>
        <translation>Proffil ardal (parthau x mynediad x amddifadedd)</translation>
    </message>
    <message>
        <location filename="../algorithms/areaprofile.py" line="27"/>
        <source>Sums the scored origins of "Multi-asset access score" by zone (wards, LSOAs): the population, the share of people within reach of each kind of asset, the people living in deserts and their share, and the mean score.

An origin belongs to the zone holding its point (a polygon origin's point on its surface, so give zones its polygons nest in). The share of people within reach counts each origin's people by its share within reach (K_share) when the scores have it: an LSOA judged by area, 30% within reach, adds 30% of its people. Unreached origins (off the network) count in the population but not in the shares, the desert population or the score. Without a population field every origin counts as one person.

A zone is a priority when at least the given share of its people live in deserts and its deprivation value is at or below the 'most deprived' value (IMD deciles 1 to 3 by default); a zone without a deprivation value never is.

The optional report is plain HTML for a committee paper: a summary of the whole scored area beside the zones, each kind's reach threshold and coverage, a map of the zones and deserts, the largest deserts, the priority zones and every zone. People counts below 10 are shown as "&lt;10".</source>
        <translation>Yn crynhoi mannau cychwyn sgoredig "Sgôr mynediad aml-ased" fesul parth (wardiau, LSOAs): y boblogaeth, cyfran y bobl sydd o fewn cyrraedd i bob math o ased, y bobl sy'n byw mewn ardaloedd diffeithwch a'u cyfran, a'r sgôr gymedrig.

Mae man cychwyn yn perthyn i'r parth sy'n dal ei bwynt (i fan cychwyn polygon, ei bwynt ar ei arwyneb, felly rhowch barthau y mae ei bolygonau'n nythu ynddynt). Mae cyfran y bobl o fewn cyrraedd yn cyfrif pobl pob man cychwyn yn ôl ei gyfran o fewn cyrraedd (K_share) pan fo gan y sgorau hi: mae LSOA a farnwyd yn ôl arwynebedd, 30% o fewn cyrraedd, yn ychwanegu 30% o'i bobl. Mae mannau cychwyn heb eu cyrraedd (oddi ar y rhwydwaith) yn cyfrif yn y boblogaeth ond nid yn y cyfrannau, poblogaeth yr ardaloedd diffeithwch na'r sgôr. Heb faes poblogaeth, mae pob man cychwyn yn cyfrif fel un person.

Mae parth yn flaenoriaeth pan fo o leiaf y gyfran a roddir o'i bobl yn byw mewn ardaloedd diffeithwch a'i werth amddifadedd ar y gwerth 'mwyaf difreintiedig' neu'n is (degraddau IMD 1 i 3 yn ddiofyn); nid yw parth heb werth amddifadedd byth yn flaenoriaeth.

HTML plaen ar gyfer papur pwyllgor yw'r adroddiad dewisol: crynodeb o'r ardal sgoredig gyfan wrth ochr y parthau, trothwy cyrraedd a darpariaeth pob math, map o'r parthau a'r ardaloedd diffeithwch, yr ardaloedd diffeithwch mwyaf, y parthau blaenoriaeth a phob parth. Dangosir niferoedd pobl o dan 10 fel "&lt;10".</translation>
    </message>
    <message>
        <location filename="../algorithms/areaprofile.py" line="50"/>
        <source>The scored origins written by "Multi-asset access score".</source>
        <translation>Y mannau cychwyn sgoredig a ysgrifennwyd gan "Sgôr mynediad aml-ased".</translation>
    </message>
    <message>
        <location filename="../algorithms/areaprofile.py" line="51"/>
        <location filename="../algorithms/model.py" line="100"/>
        <location filename="../algorithms/parameters.py" line="326"/>
        <source>People per origin; without it every origin counts as one.</source>
        <translation>Nifer y bobl ym mhob man cychwyn; hebddo, mae pob man cychwyn yn cyfrif fel un.</translation>
    </message>
    <message>
        <location filename="../algorithms/areaprofile.py" line="57"/>
        <location filename="../algorithms/model.py" line="128"/>
        <location filename="../ui/analysis_run.py" line="167"/>
        <location filename="../ui/analysis_run.py" line="214"/>
        <source>Area profile</source>
        <translation>Proffil ardal</translation>
    </message>
    <message>
        <location filename="../algorithms/areaprofile.py" line="57"/>
        <source>The zones with population, K_share per kind K, desert_pop, desert_share, mean_score, priority and unreached_pop.</source>
        <translation>Y parthau gyda population, K_share ar gyfer pob math K, desert_pop, desert_share, mean_score, priority ac unreached_pop.</translation>
    </message>
    <message>
        <location filename="../algorithms/areaprofile.py" line="60"/>
        <location filename="../algorithms/model.py" line="132"/>
        <source>Report</source>
        <translation>Adroddiad</translation>
    </message>
    <message>
        <location filename="../algorithms/areaprofile.py" line="60"/>
        <source>HTML files (*.html)</source>
        <translation>Ffeiliau HTML (*.html)</translation>
    </message>
    <message>
        <location filename="../algorithms/areaprofile.py" line="61"/>
        <source>An HTML report for a committee paper: summary, coverage by kind, the largest deserts and the priority zones.</source>
        <translation>Adroddiad HTML ar gyfer papur pwyllgor: crynodeb, y ddarpariaeth fesul math, yr ardaloedd diffeithwch mwyaf a'r parthau blaenoriaeth.</translation>
    </message>
    <message>
        <location filename="../algorithms/areaprofile.py" line="81"/>
        <source>ZONES "{layer}" has no features.</source>
        <translation>Nid oes nodweddion yn ZONES "{layer}".</translation>
    </message>
    <message>
        <location filename="../algorithms/areaprofile.py" line="110"/>
        <source>OUTPUT: the profile could not be written.</source>
        <translation>OUTPUT: nid oedd modd ysgrifennu'r proffil.</translation>
    </message>
    <message>
        <location filename="../algorithms/areaprofile.py" line="124"/>
        <source>Zones: {zones}; without origins (population 0, shares NULL): {empty}. Origins outside every zone: {outside}.</source>
        <translation>Parthau: {zones}; heb darddleoedd (poblogaeth 0, cyfrannau NULL): {empty}. Tarddleoedd y tu allan i bob parth: {outside}.</translation>
    </message>
    <message>
        <location filename="../algorithms/areaprofile.py" line="128"/>
        <source>No DEPRIVATION_FIELD: no zone is flagged as a priority.</source>
        <translation>Dim DEPRIVATION_FIELD: nid oes parth wedi'i nodi'n flaenoriaeth.</translation>
    </message>
    <message>
        <location filename="../algorithms/areaprofile.py" line="133"/>
        <source>Zones without a number in "{field}", never priorities: {count}.</source>
        <translation>Parthau heb rif yn "{field}", byth yn flaenoriaethau: {count}.</translation>
    </message>
    <message>
        <location filename="../algorithms/areaprofile.py" line="136"/>
        <source>Priority zones: {count}.</source>
        <translation>Parthau blaenoriaeth: {count}.</translation>
    </message>
    <message>
        <location filename="../algorithms/areaprofile.py" line="148"/>
        <source>The deserts were found from the scored origins with the same rule.</source>
        <translation>Canfuwyd yr ardaloedd diffeithwch o'r mannau cychwyn sgoredig gyda'r un rheol.</translation>
    </message>
    <message>
        <location filename="../algorithms/areaprofile.py" line="151"/>
        <source>Each point origin stands for a square of {size:g} m centred on it.</source>
        <translation>Mae pob man cychwyn pwynt yn cynrychioli sgwâr {size:g} m sydd â'i ganol arno.</translation>
    </message>
    <message>
        <location filename="../algorithms/areaprofile.py" line="158"/>
        <source>DESERTS "{layer}" is not an output of "Social infrastructure deserts": it lacks the fields {fields}.</source>
        <translation>Nid yw DESERTS "{layer}" yn allbwn "Ardaloedd diffeithwch seilwaith cymdeithasol": nid oes ganddi'r meysydd {fields}.</translation>
    </message>
    <message>
        <location filename="../algorithms/areaprofile.py" line="168"/>
        <source>The deserts are those of the layer "{layer}".</source>
        <translation>Daw'r ardaloedd diffeithwch o'r haen "{layer}".</translation>
    </message>
    <message>
        <location filename="../algorithms/areaprofile.py" line="173"/>
        <source>Zone {id}</source>
        <translation>Parth {id}</translation>
    </message>
    <message>
        <location filename="../algorithms/areaprofile.py" line="195"/>
        <source>OUTPUT_HTML: the report could not be written to "{path}": {error}</source>
        <translation>OUTPUT_HTML: nid oedd modd ysgrifennu'r adroddiad i "{path}": {error}</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="46"/>
        <source>Inputs</source>
        <translation>Mewnbynnau</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="46"/>
        <source>Outputs</source>
        <translation>Allbynnau</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="51"/>
        <source>optional</source>
        <translation>dewisol</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="53"/>
        <source>advanced</source>
        <translation>uwch</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="80"/>
        <source>Time by stage: {stages}; total {total:.1f} s.</source>
        <translation>Amser fesul cam: {stages}; cyfanswm {total:.1f} s.</translation>
    </message>
    <message>
        <location filename="../algorithms/bestsites.py" line="21"/>
        <location filename="../algorithms/bestsites.py" line="40"/>
        <location filename="../ui/scenario_dialog.py" line="355"/>
        <location filename="../ui/scenario_dialog.py" line="372"/>
        <source>Best new sites</source>
        <translation>Y safleoedd newydd gorau</translation>
    </message>
    <message>
        <location filename="../algorithms/bestsites.py" line="22"/>
        <source>Chooses, among candidate sites for one kind of asset, the N_SITES that bring the most people within THRESHOLD of one.

The choice is greedy: the first pick brings the most people within reach who are not already within reach of an existing site (ASSETS); each next pick brings the most people who are not within reach of an existing site or an earlier pick. Equal gains go to the candidate with the lowest feature id. Picking stops early when no candidate brings anyone new within reach.

The output holds the chosen candidates with their fields, 'rank' (the order of the picks), 'pop_gain' (people newly within reach at that pick) and 'cum_pop_gain' (the running total). Without a population field every origin counts as one person. Origins off the network are never within reach.</source>
        <translation>Yn dewis, o blith safleoedd posibl ar gyfer un math o ased, yr N_SITES sy'n dod â'r nifer fwyaf o bobl o fewn THRESHOLD i un ohonynt.

Dewis barus yw hwn: mae'r dewis cyntaf yn dod â'r nifer fwyaf o bobl o fewn cyrraedd nad ydynt eisoes o fewn cyrraedd i safle presennol (ASSETS); mae pob dewis nesaf yn dod â'r nifer fwyaf o bobl nad ydynt o fewn cyrraedd i safle presennol nac i ddewis cynharach. Pan fo'r enillion yn gyfartal, dewisir y safle posibl â'r id nodwedd isaf. Daw'r dewis i ben yn gynnar pan na fydd unrhyw safle posibl yn dod ag unrhyw un newydd o fewn cyrraedd.

Mae'r allbwn yn dal y safleoedd posibl a ddewiswyd gyda'u meysydd, 'rank' (trefn y dewisiadau), 'pop_gain' (y bobl sy'n dod o fewn cyrraedd gyda'r dewis hwnnw) a 'cum_pop_gain' (y cyfanswm cronnus). Heb faes poblogaeth, mae pob man cychwyn yn cyfrif fel un person. Nid yw mannau cychwyn oddi ar y rhwydwaith byth o fewn cyrraedd.</translation>
    </message>
    <message>
        <location filename="../algorithms/bestsites.py" line="40"/>
        <source>The chosen candidates with their fields, rank, pop_gain and cum_pop_gain; labelled with their rank.</source>
        <translation>Y safleoedd posibl a ddewiswyd gyda'u meysydd, rank, pop_gain a cum_pop_gain; wedi'u labelu â'u rhif trefn.</translation>
    </message>
    <message>
        <location filename="../algorithms/bestsites.py" line="57"/>
        <source>CANDIDATES "{layer}" holds {kind}: give a layer of points.</source>
        <translation>Mae CANDIDATES "{layer}" yn dal {kind}: rhowch haen o bwyntiau.</translation>
    </message>
    <message>
        <location filename="../algorithms/bestsites.py" line="72"/>
        <source>existing sites</source>
        <translation>safleoedd presennol</translation>
    </message>
    <message>
        <location filename="../algorithms/bestsites.py" line="77"/>
        <source>candidate sites</source>
        <translation>safleoedd posibl</translation>
    </message>
    <message>
        <location filename="../algorithms/bestsites.py" line="95"/>
        <source>OUTPUT: the chosen sites could not be written.</source>
        <translation>OUTPUT: nid oedd modd ysgrifennu'r safleoedd a ddewiswyd.</translation>
    </message>
    <message>
        <location filename="../algorithms/bestsites.py" line="116"/>
        <location filename="../algorithms/scenario.py" line="354"/>
        <source>people</source>
        <translation>pobl</translation>
    </message>
    <message>
        <location filename="../algorithms/bestsites.py" line="117"/>
        <location filename="../algorithms/scenario.py" line="355"/>
        <source>origins</source>
        <translation>mannau cychwyn</translation>
    </message>
    <message>
        <location filename="../algorithms/bestsites.py" line="120"/>
        <source>Within {threshold:g} {unit} of an existing site: {before:,.0f} of {total:,.0f} {what}.</source>
        <translation>O fewn {threshold:g} {unit} i safle presennol: {before:,.0f} o {total:,.0f} ({what}).</translation>
    </message>
    <message>
        <location filename="../algorithms/bestsites.py" line="126"/>
        <source>{name} (feature id {fid})</source>
        <translation>{name} (id nodwedd {fid})</translation>
    </message>
    <message>
        <location filename="../algorithms/bestsites.py" line="127"/>
        <source>feature id {fid}</source>
        <translation>id nodwedd {fid}</translation>
    </message>
    <message>
        <location filename="../algorithms/bestsites.py" line="128"/>
        <source>  {rank}. {place}: +{gain:,.0f} {what} (total +{cum:,.0f})</source>
        <translation>  {rank}. {place}: +{gain:,.0f} {what} (cyfanswm +{cum:,.0f})</translation>
    </message>
    <message>
        <location filename="../algorithms/bestsites.py" line="134"/>
        <source>Fewer sites chosen than asked for, as no other candidate brings anyone new within reach. Sites asked for: {wanted}; chosen: {count}.</source>
        <translation>Dewiswyd llai o safleoedd na'r hyn a ofynnwyd, gan nad oes ymgeisydd arall yn dod ag unrhyw un newydd o fewn cyrraedd. Safleoedd a ofynnwyd: {wanted}; a ddewiswyd: {count}.</translation>
    </message>
    <message>
        <location filename="../algorithms/bestsites.py" line="139"/>
        <source>Within reach after the new sites: {after:,.0f} of {total:,.0f} {what}.</source>
        <translation>O fewn cyrraedd ar ôl y safleoedd newydd: {after:,.0f} o {total:,.0f} ({what}).</translation>
    </message>
    <message>
        <location filename="../algorithms/catchments.py" line="28"/>
        <source>Network catchments (service areas)</source>
        <translation>Dalgylchoedd rhwydwaith (ardaloedd gwasanaeth)</translation>
    </message>
    <message>
        <location filename="../algorithms/catchments.py" line="29"/>
        <source>Walking catchments around facilities over a street and path network, as exact polygons.

Every facility joins the network at the nearest point of the nearest street (polygons such as parks are entered from their edge); one search per layer finds how far each street can be walked within each threshold, streets are cut exactly where the threshold is reached, and the reachable streets are buffered by the trim distance.

Overlap: one polygon per facility and threshold, merged per threshold, or disjoint rings.</source>
        <translation>Dalgylchoedd cerdded o amgylch cyfleusterau dros rwydwaith strydoedd a llwybrau, fel polygonau manwl.

Mae pob cyfleuster yn ymuno â'r rhwydwaith yn y pwynt agosaf ar y stryd agosaf (eir i mewn i bolygonau fel parciau o'u hymyl); mae un chwiliad ar gyfer pob haen yn canfod pa mor bell y gellir cerdded ar hyd pob stryd o fewn pob trothwy, caiff strydoedd eu torri yn union lle cyrhaeddir y trothwy, a rhoddir byffer o'r pellter tocio o amgylch y strydoedd o fewn cyrraedd.

Gorgyffwrdd: un polygon ar gyfer pob cyfleuster a throthwy, wedi'u cyfuno fesul trothwy, neu gylchoedd nad ydynt yn gorgyffwrdd.</translation>
    </message>
    <message>
        <location filename="../algorithms/catchments.py" line="42"/>
        <source>How far either side of a reachable street the catchment reaches.</source>
        <translation>Pa mor bell bob ochr i stryd o fewn cyrraedd y mae'r dalgylch yn ymestyn.</translation>
    </message>
    <message>
        <location filename="../algorithms/catchments.py" line="45"/>
        <location filename="../algorithms/model.py" line="116"/>
        <source>Catchments</source>
        <translation>Dalgylchoedd</translation>
    </message>
    <message>
        <location filename="../algorithms/catchments.py" line="45"/>
        <source>Polygons with facility_id (per-facility overlap only), threshold, cost_type and area_m2; styled by threshold.</source>
        <translation>Polygonau gyda facility_id (gyda gorgyffwrdd fesul cyfleuster yn unig), threshold, cost_type ac area_m2; wedi'u steilio yn ôl trothwy.</translation>
    </message>
    <message>
        <location filename="../algorithms/catchments.py" line="48"/>
        <source>Reachable network</source>
        <translation>Y rhwydwaith o fewn cyrraedd</translation>
    </message>
    <message>
        <location filename="../algorithms/catchments.py" line="48"/>
        <source>The streets and paths within each threshold, cut exactly where it is reached: threshold, cost_start, cost_end.</source>
        <translation>Y strydoedd a'r llwybrau o fewn pob trothwy, wedi'u torri yn union lle cyrhaeddir y trothwy: threshold, cost_start, cost_end.</translation>
    </message>
    <message>
        <location filename="../algorithms/catchments.py" line="63"/>
        <source>facilities</source>
        <translation>cyfleusterau</translation>
    </message>
    <message>
        <location filename="../algorithms/catchments.py" line="119"/>
        <source>Within {threshold:g} {unit}: {slope:,.1f} km of streets reached with slope, {flat:,.1f} km on the flat ({change:+.0%}); on a network this large the streets reached are compared rather than the areas.</source>
        <translation>O fewn {threshold:g} {unit}: {slope:,.1f} km o strydoedd wedi'u cyrraedd gyda'r llethr, {flat:,.1f} km ar dir gwastad ({change:+.0%}); ar rwydwaith mor fawr â hyn, cymherir y strydoedd a gyrhaeddir yn hytrach na'r arwynebeddau.</translation>
    </message>
    <message>
        <location filename="../algorithms/catchments.py" line="139"/>
        <source>Within {threshold:g} {unit}: {slope:,.1f} ha with slope, {flat:,.1f} ha on the flat ({change:+.0%}).</source>
        <translation>O fewn {threshold:g} {unit}: {slope:,.1f} ha gyda'r llethr, {flat:,.1f} ha ar dir gwastad ({change:+.0%}).</translation>
    </message>
    <message>
        <location filename="../algorithms/catchments.py" line="163"/>
        <source>From {lower:g} to {threshold:g} {unit}: {ha:.1f} ha</source>
        <translation>O {lower:g} i {threshold:g} {unit}: {ha:.1f} ha</translation>
    </message>
    <message>
        <location filename="../algorithms/catchments.py" line="165"/>
        <source>Within {threshold:g} {unit}: {ha:.1f} ha</source>
        <translation>O fewn {threshold:g} {unit}: {ha:.1f} ha</translation>
    </message>
    <message>
        <location filename="../algorithms/deserts.py" line="18"/>
        <location filename="../algorithms/model.py" line="49"/>
        <location filename="../ui/analysis_run.py" line="166"/>
        <source>Social infrastructure deserts</source>
        <translation>Ardaloedd diffeithwch seilwaith cymdeithasol</translation>
    </message>
    <message>
        <location filename="../algorithms/deserts.py" line="19"/>
        <source>Finds the populated places that cannot walk to several kinds of asset, from the output of "Multi-asset access score" (scored origins, or the access surface), and dissolves them into contiguous deserts.

A place is in a desert when it misses at least the given number of kinds and holds at least the given number of people. Unreached origins (off the network) never are. A point origin stands for a square cell centred on it; polygon origins are used as they are.

Each desert gets its area, its population (the sum over the places it holds), the kinds missing (most often missing first), the mean score (weighted by population when a population field is given) and a rank: 1 is the desert with the most people (the largest without a population field); ties go to the larger area.

With a residential mask the deserts are clipped to it, and only places whose point lies in the mask count, with all their people.

The access surface of polygon origins judged by area, with its population field, gives deserts drawn where people live: each piece holds its part of its origin's people, a piece with fewer people than the minimum is not in a desert, a desert's population is the sum of its pieces', and the mask only clips.</source>
        <translation>Mae'n canfod y lleoedd poblog na allant gerdded i sawl math o ased, o allbwn "Sgôr mynediad aml-ased" (mannau cychwyn wedi'u sgorio, neu'r arwyneb mynediad), ac yn eu toddi'n ardaloedd diffeithwch cyffiniol.

Mae lle mewn diffeithwch pan fo'n methu o leiaf y nifer a roddwyd o fathau ac yn dal o leiaf y nifer a roddwyd o bobl. Nid yw mannau cychwyn heb eu cyrraedd (oddi ar y rhwydwaith) byth mewn diffeithwch. Mae man cychwyn sy'n bwynt yn cynrychioli cell sgwâr wedi'i chanoli arno; defnyddir mannau cychwyn polygon fel y maent.

Mae pob diffeithwch yn cael ei arwynebedd, ei boblogaeth (y swm dros y lleoedd y mae'n eu dal), y mathau sydd ar goll (y rhai sydd ar goll amlaf yn gyntaf), y sgôr gymedrig (wedi'i phwysoli yn ôl poblogaeth pan roddir maes poblogaeth) a safle: 1 yw'r diffeithwch gyda'r mwyaf o bobl (y mwyaf heb faes poblogaeth); mae'r arwynebedd mwyaf yn ennill pan fo'n gyfartal.

Gyda masg preswyl caiff yr ardaloedd diffeithwch eu tocio iddo, a dim ond lleoedd y mae eu pwynt yn y masg sy'n cyfrif, gyda'u holl bobl.

Mae arwyneb mynediad mannau cychwyn polygon a farnwyd yn ôl arwynebedd, gyda'i faes poblogaeth, yn rhoi ardaloedd diffeithwch wedi'u tynnu lle mae pobl yn byw: mae pob darn yn dal ei ran o bobl ei fan cychwyn, nid yw darn gyda llai o bobl na'r lleiafswm mewn diffeithwch, poblogaeth diffeithwch yw swm poblogaeth ei ddarnau, a dim ond tocio y mae'r masg.</translation>
    </message>
    <message>
        <location filename="../algorithms/deserts.py" line="43"/>
        <source>The scored origins or the access surface written by "Multi-asset access score".</source>
        <translation>Y mannau cychwyn sgoredig neu'r arwyneb mynediad a ysgrifennwyd gan "Sgôr mynediad aml-ased".</translation>
    </message>
    <message>
        <location filename="../algorithms/deserts.py" line="45"/>
        <source>People per origin; without it deserts are ranked by area.</source>
        <translation>Nifer y bobl ym mhob man cychwyn; hebddo, caiff ardaloedd diffeithwch eu trefnu yn ôl arwynebedd.</translation>
    </message>
    <message>
        <location filename="../algorithms/deserts.py" line="49"/>
        <source>Residential areas (mask)</source>
        <translation>Ardaloedd preswyl (masg)</translation>
    </message>
    <message>
        <location filename="../algorithms/deserts.py" line="51"/>
        <source>Deserts are clipped to these polygons; only places whose point lies in them count.</source>
        <translation>Caiff ardaloedd diffeithwch eu tocio i'r polygonau hyn; dim ond lleoedd y mae eu pwynt ynddynt sy'n cyfrif.</translation>
    </message>
    <message>
        <location filename="../algorithms/deserts.py" line="53"/>
        <location filename="../algorithms/model.py" line="124"/>
        <location filename="../ui/analysis_run.py" line="204"/>
        <source>Deserts</source>
        <translation>Ardaloedd diffeithwch</translation>
    </message>
    <message>
        <location filename="../algorithms/deserts.py" line="53"/>
        <source>Contiguous deserts: desert_id, area_ha, population, n_units, missing, mean_score and rank; hatched and labelled with rank and people.</source>
        <translation>Ardaloedd diffeithwch di-dor: desert_id, area_ha, population, n_units, missing, mean_score a rank; wedi'u llinellu a'u labelu â'r rhif trefn a nifer y bobl.</translation>
    </message>
    <message>
        <location filename="../algorithms/deserts.py" line="78"/>
        <source>OUTPUT: the deserts could not be written.</source>
        <translation>OUTPUT: nid oedd modd ysgrifennu'r ardaloedd diffeithwch.</translation>
    </message>
    <message>
        <location filename="../algorithms/deserts.py" line="97"/>
        <source>RESIDENTIAL_MASK "{layer}" holds no polygons: give residential areas, or leave it empty.</source>
        <translation>Nid oes polygonau yn RESIDENTIAL_MASK "{layer}": rhowch ardaloedd preswyl, neu gadewch ef yn wag.</translation>
    </message>
    <message>
        <location filename="../algorithms/deserts.py" line="106"/>
        <source>Deserts (places missing at least {min_missing} of the kinds scored): {count}; places in them: {units}; kinds scored: {kinds}.</source>
        <translation>Diffeithdiroedd (lleoedd sy'n colli o leiaf {min_missing} o'r mathau a sgoriwyd): {count}; lleoedd ynddynt: {units}; mathau a sgoriwyd: {kinds}.</translation>
    </message>
    <message>
        <location filename="../algorithms/deserts.py" line="112"/>
        <source>People in deserts: {people:,.0f}.</source>
        <translation>Pobl mewn ardaloedd diffeithwch: {people:,.0f}.</translation>
    </message>
    <message>
        <location filename="../algorithms/deserts.py" line="116"/>
        <source>Every desert is a single place: if the points form a grid, set the cell size to its spacing so that neighbouring cells join.</source>
        <translation>Un lle yn unig yw pob ardal diffeithwch: os yw'r pwyntiau'n ffurfio grid, gosodwch faint y gell i'w fylchiad fel bod celloedd cyfagos yn uno.</translation>
    </message>
    <message>
        <location filename="../algorithms/heights.py" line="88"/>
        <location filename="../algorithms/heights.py" line="126"/>
        <location filename="../algorithms/heights.py" line="130"/>
        <source>DEM "{name}": the raster could not be read.</source>
        <translation>DEM "{name}": nid oedd modd darllen y raster.</translation>
    </message>
    <message>
        <location filename="../algorithms/heights.py" line="93"/>
        <source>DEM "{name}" holds values of a type that are not heights (band 1 is {kind}): give a raster of heights in metres.</source>
        <translation>Mae DEM "{name}" yn dal gwerthoedd o fath nad ydynt yn uchderau (band 1 yw {kind}): rhowch raster o uchderau mewn metrau.</translation>
    </message>
    <message>
        <location filename="../algorithms/heights.py" line="99"/>
        <source>DEM "{name}" has no coordinate reference system: set the layer's CRS (the one its heights were surveyed in) and run again.</source>
        <translation>Nid oes gan DEM "{name}" system cyfeirnodi cyfesurynnau: gosodwch CRS yr haen (yr un y mesurwyd ei huchderau ynddo) a rhedwch eto.</translation>
    </message>
    <message>
        <location filename="../algorithms/heights.py" line="156"/>
        <source>The DEM's CRS ({crs}) cannot be used to read its heights under the network: {error}</source>
        <translation>Ni ellir defnyddio CRS y DEM ({crs}) i ddarllen ei uchderau o dan y rhwydwaith: {error}</translation>
    </message>
    <message>
        <location filename="../algorithms/layers.py" line="65"/>
        <source>points</source>
        <translation>pwyntiau</translation>
    </message>
    <message>
        <location filename="../algorithms/layers.py" line="65"/>
        <source>lines</source>
        <translation>llinellau</translation>
    </message>
    <message>
        <location filename="../algorithms/layers.py" line="66"/>
        <source>no geometry</source>
        <translation>dim geometreg</translation>
    </message>
    <message>
        <location filename="../algorithms/layers.py" line="188"/>
        <source>{name}: features left out because they lie far outside the rest of the layer, or at coordinates no place has (a stray vertex, or the layer's CRS is wrong): {count} (feature ids {ids}).</source>
        <translation>{name}: nodweddion a adawyd allan am eu bod ymhell y tu allan i weddill yr haen, neu ar gyfesurynnau nad oes gan unrhyw le (fertig crwydr, neu mae CRS yr haen yn anghywir): {count} (ids nodweddion {ids}).</translation>
    </message>
    <message>
        <location filename="../algorithms/layers.py" line="206"/>
        <source>The network layer "{name}" has coordinates no place has (infinite, or more than {limit:,.0f} km from the origin of the working CRS) in the features {ids}: the layer's CRS is probably wrong (projected metres labelled as degrees, or the reverse), or those features hold a stray vertex. Set the layer's CRS right or fix those vertices.</source>
        <translation>Mae gan yr haen rhwydwaith "{name}" gyfesurynnau nad oes gan unrhyw le (anfeidraidd, neu fwy na {limit:,.0f} km o darddbwynt y CRS gwaith) yn y nodweddion {ids}: mae'n debyg bod CRS yr haen yn anghywir (metrau tafluniedig wedi'u labelu fel graddau, neu i'r gwrthwyneb), neu mae fertig crwydr yn y nodweddion hynny. Cywirwch CRS yr haen neu'r fertigau hynny.</translation>
    </message>
    <message>
        <location filename="../algorithms/layers.py" line="218"/>
        <source>Network layer "{name}": features left out because they lie far outside the rest of the layer (a stray vertex?): {count} (feature ids {ids}).</source>
        <translation>Haen rhwydwaith "{name}": nodweddion a adawyd allan am eu bod ymhell y tu allan i weddill yr haen (fertig crwydr?): {count} (ids nodweddion {ids}).</translation>
    </message>
    <message>
        <location filename="../algorithms/layers.py" line="238"/>
        <source>NETWORK_FILTER is not a valid expression: {error}</source>
        <translation>Nid yw NETWORK_FILTER yn fynegiad dilys: {error}</translation>
    </message>
    <message>
        <location filename="../algorithms/layers.py" line="304"/>
        <source>NETWORK_FILTER "{expression}" cannot be evaluated on the network layer "{name}" (feature {id}): {error}</source>
        <translation>Ni ellir gwerthuso NETWORK_FILTER "{expression}" ar yr haen rhwydwaith "{name}" (nodwedd {id}): {error}</translation>
    </message>
    <message>
        <location filename="../algorithms/layers.py" line="398"/>
        <source>The network layer "{name}" holds {kind}: give a line layer of streets and paths.</source>
        <translation>Mae haen y rhwydwaith "{name}" yn dal {kind}: rhowch haen o linellau strydoedd a llwybrau.</translation>
    </message>
    <message>
        <location filename="../algorithms/layers.py" line="418"/>
        <source>NETWORK_FILTER "{expression}" names the field "{field}", which the network layer "{name}" lacks (its fields: {fields}): every network layer must have the fields the filter uses.</source>
        <translation>Mae NETWORK_FILTER "{expression}" yn enwi'r maes "{field}", nad yw yn yr haen rhwydwaith "{name}" (ei meysydd: {fields}): rhaid i bob haen rhwydwaith gael y meysydd y mae'r hidlydd yn eu defnyddio.</translation>
    </message>
    <message>
        <location filename="../algorithms/model.py" line="31"/>
        <source>Whole analysis: catchments, access, deserts, area profile</source>
        <translation>Y dadansoddiad cyfan: dalgylchoedd, mynediad, ardaloedd diffeithwch, proffil ardal</translation>
    </message>
    <message>
        <location filename="../algorithms/model.py" line="33"/>
        <source>The whole St Helens-style analysis in one run: walking catchments around one kind of asset for the map, the access score of every origin over all the asset layers, the social infrastructure deserts, and the area profile of the zones with its report.

Each kind of asset is judged at its reach threshold: leave the thresholds empty to give each kind the one its name is recognised by (10 minutes for play areas, parks and shops, 20 for the rest), or give one value for all or one per asset layer in order. Without zones, every origin is its own zone.

Each step is one of this provider's algorithms with its defaults; open the model in the graphical modeller (resources/models/community_asset_gaps.model3 in the plugin folder) to change anything else.</source>
        <translation>Y dadansoddiad cyfan yn null St Helens mewn un rhediad: dalgylchoedd cerdded o amgylch un math o ased ar gyfer y map, sgôr mynediad pob tarddle dros yr holl haenau ased, y diffeithdiroedd seilwaith cymdeithasol, a phroffil ardal y parthau gyda'i adroddiad.

Bernir pob math o ased wrth ei drothwy cyrraedd: gadewch y trothwyon yn wag i roi i bob math yr un y caiff ei enw ei adnabod wrtho (10 munud ar gyfer mannau chwarae, parciau a siopau, 20 ar gyfer y gweddill), neu rhowch un gwerth i bawb neu un i bob haen ased yn eu trefn. Heb barthau, mae pob tarddle yn barth ei hun.

Mae pob cam yn un o algorithmau'r darparwr hwn gyda'i ragosodiadau; agorwch y model yn y modelydd graffigol (resources/models/community_asset_gaps.model3 yn ffolder yr ategyn) i newid unrhyw beth arall.</translation>
    </message>
    <message>
        <location filename="../algorithms/model.py" line="47"/>
        <source>Network catchments (the map)</source>
        <translation>Dalgylchoedd rhwydwaith (y map)</translation>
    </message>
    <message>
        <location filename="../algorithms/model.py" line="50"/>
        <source>Area profile and report</source>
        <translation>Proffil ardal ac adroddiad</translation>
    </message>
    <message>
        <location filename="../algorithms/model.py" line="57"/>
        <location filename="../algorithms/parameters.py" line="177"/>
        <source>Street and path network</source>
        <translation>Rhwydwaith strydoedd a llwybrau</translation>
    </message>
    <message>
        <location filename="../algorithms/model.py" line="58"/>
        <location filename="../algorithms/parameters.py" line="178"/>
        <source>Lines people walk along: streets, footpaths, paths.</source>
        <translation>Llinellau y mae pobl yn cerdded ar eu hyd: strydoedd, llwybrau troed, llwybrau.</translation>
    </message>
    <message>
        <location filename="../algorithms/model.py" line="61"/>
        <location filename="../algorithms/parameters.py" line="414"/>
        <source>Asset layers (one per kind)</source>
        <translation>Haenau asedau (un ar gyfer pob math)</translation>
    </message>
    <message>
        <location filename="../algorithms/model.py" line="62"/>
        <location filename="../algorithms/parameters.py" line="415"/>
        <source>One point or polygon layer per kind of asset; the kind is named after the layer.</source>
        <translation>Un haen o bwyntiau neu bolygonau ar gyfer pob math o ased; caiff y math ei enwi ar ôl yr haen.</translation>
    </message>
    <message>
        <location filename="../algorithms/model.py" line="65"/>
        <location filename="../algorithms/parameters.py" line="418"/>
        <source>Kind names (comma-separated)</source>
        <translation>Enwau'r mathau (wedi'u gwahanu gan goma)</translation>
    </message>
    <message>
        <location filename="../algorithms/model.py" line="66"/>
        <location filename="../algorithms/parameters.py" line="419"/>
        <source>One name per asset layer, in order; replaces the layer names.</source>
        <translation>Un enw ar gyfer pob haen asedau, yn eu trefn; maent yn cymryd lle enwau'r haenau.</translation>
    </message>
    <message>
        <location filename="../algorithms/model.py" line="69"/>
        <source>Reach threshold per kind (minutes)</source>
        <translation>Trothwy cyrraedd ar gyfer pob math (munudau)</translation>
    </message>
    <message>
        <location filename="../algorithms/model.py" line="70"/>
        <source>Empty: each kind gets the threshold its name is recognised by (St Helens: 10 for play areas, parks and retail centres, 20 for the rest; 10 for a name not recognised). Or one value for every kind, or one per asset layer in order.</source>
        <translation>Gwag: mae pob math yn cael y trothwy y caiff ei enw ei adnabod wrtho (St Helens: 10 ar gyfer mannau chwarae, parciau a chanolfannau manwerthu, 20 ar gyfer y gweddill; 10 ar gyfer enw nas adnabyddir). Neu un gwerth i bob math, neu un i bob haen ased yn eu trefn.</translation>
    </message>
    <message>
        <location filename="../algorithms/model.py" line="77"/>
        <source>Asset layer to map catchments for</source>
        <translation>Haen asedau i fapio ei dalgylchoedd</translation>
    </message>
    <message>
        <location filename="../algorithms/model.py" line="78"/>
        <source>One kind of asset (e.g. GP surgeries) whose walking catchments are drawn at the map thresholds.</source>
        <translation>Un math o ased (e.e. meddygfeydd) y caiff ei ddalgylchoedd cerdded eu lluniadu ar drothwyon y map.</translation>
    </message>
    <message>
        <location filename="../algorithms/model.py" line="82"/>
        <source>Catchment map thresholds (minutes)</source>
        <translation>Trothwyon map y dalgylchoedd (munudau)</translation>
    </message>
    <message>
        <location filename="../algorithms/model.py" line="83"/>
        <source>Breaks of the catchment map, e.g. "5, 10" or "10, 20".</source>
        <translation>Toriadau map y dalgylchoedd, e.e. "5, 10" neu "10, 20".</translation>
    </message>
    <message>
        <location filename="../algorithms/model.py" line="86"/>
        <location filename="../algorithms/parameters.py" line="213"/>
        <source>Walking speed (km/h)</source>
        <translation>Cyflymder cerdded (km/awr)</translation>
    </message>
    <message>
        <location filename="../algorithms/model.py" line="87"/>
        <location filename="../algorithms/parameters.py" line="215"/>
        <source>4.8 km/h is an average adult; 3.2 km/h suits older or slower walkers.</source>
        <translation>4.8 km/awr yw cyflymder oedolyn cyffredin; mae 3.2 km/awr yn addas i bobl hŷn neu i bobl sy'n cerdded yn arafach.</translation>
    </message>
    <message>
        <location filename="../algorithms/model.py" line="90"/>
        <location filename="../algorithms/parameters.py" line="218"/>
        <source>Ground heights</source>
        <translation>Uchder y tir</translation>
    </message>
    <message>
        <location filename="../algorithms/model.py" line="91"/>
        <source>Optional terrain model (DEM) with heights in metres: with it, walking time depends on the slope.</source>
        <translation>Model tir dewisol (DEM) ag uchderau mewn metrau: gydag ef, mae amser cerdded yn dibynnu ar y llethr.</translation>
    </message>
    <message>
        <location filename="../algorithms/model.py" line="95"/>
        <location filename="../algorithms/parameters.py" line="317"/>
        <source>Origins (homes, grid cells, LSOAs)</source>
        <translation>Mannau cychwyn (cartrefi, celloedd grid, LSOAs)</translation>
    </message>
    <message>
        <location filename="../algorithms/model.py" line="96"/>
        <location filename="../algorithms/parameters.py" line="322"/>
        <source>Where people live. Polygons are evaluated at a point on their surface.</source>
        <translation>Lle mae pobl yn byw. Caiff polygonau eu gwerthuso mewn pwynt ar eu harwyneb.</translation>
    </message>
    <message>
        <location filename="../algorithms/model.py" line="99"/>
        <location filename="../algorithms/parameters.py" line="324"/>
        <location filename="../algorithms/parameters.py" line="571"/>
        <source>Population field</source>
        <translation>Maes poblogaeth</translation>
    </message>
    <message>
        <location filename="../algorithms/model.py" line="103"/>
        <location filename="../algorithms/parameters.py" line="614"/>
        <source>Kinds missing to be a desert</source>
        <translation>Nifer y mathau ar goll i fod yn ddiffeithwch</translation>
    </message>
    <message>
        <location filename="../algorithms/model.py" line="104"/>
        <location filename="../algorithms/parameters.py" line="616"/>
        <source>A place is in a desert when it cannot walk to at least this many kinds of asset.</source>
        <translation>Mae lle mewn diffeithwch pan na all pobl gerdded oddi yno i o leiaf y nifer hwn o fathau o ased.</translation>
    </message>
    <message>
        <location filename="../algorithms/model.py" line="107"/>
        <location filename="../algorithms/parameters.py" line="656"/>
        <location filename="../algorithms/parameters.py" line="735"/>
        <source>Zones (wards, LSOAs)</source>
        <translation>Parthau (wardiau, LSOAs)</translation>
    </message>
    <message>
        <location filename="../algorithms/model.py" line="108"/>
        <source>The areas to profile (wards, LSOAs); without zones, every origin is its own zone.</source>
        <translation>Yr ardaloedd i'w proffilio (wardiau, ACEHI); heb barthau, mae pob tarddle yn barth ei hun.</translation>
    </message>
    <message>
        <location filename="../algorithms/model.py" line="111"/>
        <location filename="../algorithms/parameters.py" line="666"/>
        <source>Deprivation field (e.g. IMD decile)</source>
        <translation>Maes amddifadedd (e.e. degradd IMD)</translation>
    </message>
    <message>
        <location filename="../algorithms/model.py" line="112"/>
        <source>A number per zone where low means deprived, such as the IMD decile; without it no zone is a priority.</source>
        <translation>Rhif ar gyfer pob parth lle mae gwerth isel yn golygu difreintiedig, fel y degradd IMD; hebddo, nid oes parth yn flaenoriaeth.</translation>
    </message>
    <message>
        <location filename="../algorithms/model.py" line="117"/>
        <source>Walking catchments of the mapped asset layer, by threshold.</source>
        <translation>Dalgylchoedd cerdded yr haen asedau a fapiwyd, yn ôl trothwy.</translation>
    </message>
    <message>
        <location filename="../algorithms/model.py" line="121"/>
        <source>The origins with the cost to each kind, the kinds missing and the score.</source>
        <translation>Y mannau cychwyn gyda'r gost i bob math, y mathau sydd ar goll a'r sgôr.</translation>
    </message>
    <message>
        <location filename="../algorithms/model.py" line="125"/>
        <source>Contiguous social infrastructure deserts, ranked by population.</source>
        <translation>Ardaloedd diffeithwch seilwaith cymdeithasol di-dor, wedi'u trefnu yn ôl poblogaeth.</translation>
    </message>
    <message>
        <location filename="../algorithms/model.py" line="129"/>
        <source>The zones with coverage per kind, people in deserts and the priority flag.</source>
        <translation>Y parthau gyda'r ddarpariaeth fesul math, y bobl mewn ardaloedd diffeithwch a'r faner blaenoriaeth.</translation>
    </message>
    <message>
        <location filename="../algorithms/model.py" line="133"/>
        <source>The HTML report of the area profile.</source>
        <translation>Adroddiad HTML y proffil ardal.</translation>
    </message>
    <message>
        <location filename="../algorithms/networkcheck.py" line="20"/>
        <source>Check the network</source>
        <translation>Gwirio'r rhwydwaith</translation>
    </message>
    <message>
        <location filename="../algorithms/networkcheck.py" line="21"/>
        <source>Finds what makes walking catchments wrong without warning: line ends that stop just short of another line (candidates for the join tolerance), lines that cross without a junction (bridges and tunnels are fine; anything else needs a shared vertex), and small disconnected components (islands).

The components output gives every network edge its component and that component's length, largest first (component 0).</source>
        <translation>Yn canfod yr hyn sy'n gwneud dalgylchoedd cerdded yn anghywir heb rybudd: pennau llinellau sy'n dod i ben ychydig cyn cyrraedd llinell arall (ymgeiswyr ar gyfer y goddefiant uno), llinellau sy'n croesi heb gyffordd (mae pontydd a thwneli'n iawn; mae angen fertig a rennir ar bopeth arall), a chydrannau bach ar wahân (ynysoedd).

Mae allbwn y cydrannau'n rhoi ei gydran i bob darn o'r rhwydwaith a hyd y gydran honno, y fwyaf yn gyntaf (cydran 0).</translation>
    </message>
    <message>
        <location filename="../algorithms/networkcheck.py" line="34"/>
        <source>Network problems</source>
        <translation>Problemau'r rhwydwaith</translation>
    </message>
    <message>
        <location filename="../algorithms/networkcheck.py" line="34"/>
        <source>Points with problem (dangling end near a line, lines cross without a junction, small component) and distance_m.</source>
        <translation>Pwyntiau gyda problem (dangling end near a line, lines cross without a junction, small component) a distance_m.</translation>
    </message>
    <message>
        <location filename="../algorithms/networkcheck.py" line="37"/>
        <source>Network components</source>
        <translation>Cydrannau'r rhwydwaith</translation>
    </message>
    <message>
        <location filename="../algorithms/networkcheck.py" line="37"/>
        <source>Every network edge with component_id (0 is the largest) and component_length_m.</source>
        <translation>Pob darn o'r rhwydwaith gyda component_id (0 yw'r fwyaf) a component_length_m.</translation>
    </message>
    <message>
        <location filename="../algorithms/networkcheck.py" line="76"/>
        <source>Components: {count}; the largest holds {share:.0f}% of the network's length.</source>
        <translation>Cydrannau: {count}; mae'r fwyaf yn dal {share:.0f}% o hyd y rhwydwaith.</translation>
    </message>
    <message>
        <location filename="../algorithms/networkcheck.py" line="80"/>
        <source>{problem}: {count}</source>
        <translation>{problem}: {count}</translation>
    </message>
    <message>
        <location filename="../algorithms/outputs.py" line="234"/>
        <source>{output} would write into "{path}", which {input} is read from: choose another file for the output, so the input stays as it is.</source>
        <translation>Byddai {output} yn ysgrifennu i "{path}", y darllenir {input} ohono: dewiswch ffeil arall ar gyfer yr allbwn, fel bod y mewnbwn yn aros fel y mae.</translation>
    </message>
    <message>
        <location filename="../algorithms/outputs.py" line="239"/>
        <source>{output}: the folder "{folder}" does not exist: give a file in an existing folder.</source>
        <translation>{output}: nid yw'r ffolder "{folder}" yn bodoli: rhowch ffeil mewn ffolder sy'n bodoli.</translation>
    </message>
    <message>
        <location filename="../algorithms/outputs.py" line="245"/>
        <source>{output}: "{path}" exists and is not an HTML report: it is not replaced. Give a new .html file, or an earlier report.</source>
        <translation>{output}: mae "{path}" yn bodoli ac nid yw'n adroddiad HTML: nid yw'n cael ei ddisodli. Rhowch ffeil .html newydd, neu adroddiad cynharach.</translation>
    </message>
    <message>
        <location filename="../algorithms/outputs.py" line="335"/>
        <source>Origin fields replaced by the new results: {names}</source>
        <translation>Meysydd y mannau cychwyn a ddisodlwyd gan y canlyniadau newydd: {names}</translation>
    </message>
    <message>
        <location filename="../algorithms/outputs.py" line="339"/>
        <source>Zone fields replaced by the new results: {names}</source>
        <translation>Meysydd y parthau a ddisodlwyd gan y canlyniadau newydd: {names}</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="130"/>
        <source>{parameter} "{field}" is not a field of {layer_parameter} "{layer}", whose fields are: {fields}.</source>
        <translation>Nid yw {parameter} "{field}" yn faes yn {layer_parameter} "{layer}"; meysydd yr haen yw: {fields}.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="163"/>
        <location filename="../algorithms/readers.py" line="491"/>
        <location filename="../algorithms/styles.py" line="59"/>
        <source>min</source>
        <translation>mun</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="163"/>
        <location filename="../algorithms/readers.py" line="491"/>
        <location filename="../algorithms/styles.py" line="60"/>
        <source>m</source>
        <translation>m</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="180"/>
        <source>More walkable lines (footpaths, rights of way)</source>
        <translation>Rhagor o linellau cerdded (llwybrau troed, hawliau tramwy)</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="182"/>
        <source>Further line layers merged into the network.</source>
        <translation>Haenau llinellau eraill sy'n cael eu cyfuno â'r rhwydwaith.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="184"/>
        <source>Walkability preset</source>
        <translation>Rhagosodiad cerdded</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="185"/>
        <source>Automatic (from the fields present)</source>
        <translation>Awtomatig (o'r meysydd sy'n bresennol)</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="185"/>
        <source>None</source>
        <translation>Dim</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="186"/>
        <location filename="../core/presets.py" line="15"/>
        <source>OpenStreetMap</source>
        <translation>OpenStreetMap</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="186"/>
        <location filename="../core/presets.py" line="16"/>
        <source>OS Open Roads</source>
        <translation>OS Open Roads</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="188"/>
        <source>Which features a pedestrian may use: OpenStreetMap drops motorways, trunk roads, construction and private or foot=no ways; OS Open Roads drops motorways.</source>
        <translation>Pa nodweddion y caiff cerddwr eu defnyddio: mae OpenStreetMap yn hepgor traffyrdd, cefnffyrdd, gwaith adeiladu a ffyrdd preifat neu foot=no; mae OS Open Roads yn hepgor traffyrdd.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="192"/>
        <source>Walkable features (expression)</source>
        <translation>Nodweddion cerdded (mynegiad)</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="194"/>
        <source>Applied after the preset: features for which it is false are left out.</source>
        <translation>Fe'i cymhwysir ar ôl y rhagosodiad: caiff nodweddion lle mae'n anwir eu gadael allan.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="197"/>
        <source>Step-free routes only</source>
        <translation>Llwybrau heb risiau yn unig</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="198"/>
        <source>Also leave out steps and elevators (OpenStreetMap highway=steps and highway=elevator), for wheelchair and pushchair users.</source>
        <translation>Gadael allan grisiau a lifftiau hefyd (highway=steps a highway=elevator yn OpenStreetMap), ar gyfer defnyddwyr cadeiriau olwyn a phramiau.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="201"/>
        <source>Join line ends within (m)</source>
        <translation>Uno pennau llinellau o fewn (m)</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="203"/>
        <source>0 joins lines only where they share a vertex. Above 0, a line end this close to another line joins it at the nearest point.</source>
        <translation>Gyda 0, dim ond lle maent yn rhannu fertig y caiff llinellau eu huno. Uwchlaw 0, mae pen llinell sydd mor agos â hyn at linell arall yn ymuno â hi yn y pwynt agosaf.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="207"/>
        <source>Measure walks by</source>
        <translation>Mesur teithiau cerdded yn ôl</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="208"/>
        <source>Walking time (minutes)</source>
        <translation>Amser cerdded (munudau)</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="208"/>
        <source>Network distance (metres)</source>
        <translation>Pellter ar y rhwydwaith (metrau)</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="210"/>
        <source>The unit of every threshold and cost: minutes at the walking speed, or metres along the network.</source>
        <translation>Uned pob trothwy a chost: munudau ar y cyflymder cerdded, neu fetrau ar hyd y rhwydwaith.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="219"/>
        <source>A terrain model (DEM) with heights in metres. With it, walking time depends on the slope: uphill and steep downhill take longer, so every walk is measured from the home to the asset. Ignored when walks are measured by distance.</source>
        <translation>Model tir (DEM) ag uchderau mewn metrau. Gydag ef, mae amser cerdded yn dibynnu ar y llethr: mae cerdded i fyny, neu i lawr llethr serth, yn cymryd mwy o amser, felly mesurir pob taith o'r cartref i'r ased. Caiff ei anwybyddu pan fesurir teithiau yn ôl pellter.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="224"/>
        <source>How much slope slows walking</source>
        <translation>Faint mae'r llethr yn arafu cerdded</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="227"/>
        <source>1 is Tobler's hiking function (a 10% climb takes about 1.4 times as long as the flat), 0 ignores the slope, 2 counts it twice as strongly.</source>
        <translation>1 yw ffwythiant cerdded Tobler (mae dringo 10% yn cymryd tua 1.4 gwaith cyhyd â thir gwastad), mae 0 yn anwybyddu'r llethr, mae 2 yn ei gyfrif ddwywaith mor gryf.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="231"/>
        <source>Farthest from the network (m)</source>
        <translation>Pellaf o'r rhwydwaith (m)</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="233"/>
        <source>A point farther than this from any street or path is not attached and is reported.</source>
        <translation>Nid yw pwynt sy'n bellach na hyn o unrhyw stryd neu lwybr yn cael ei gysylltu, a chaiff ei nodi yn y log.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="246"/>
        <source>WALK_SPEED must be above 0 km/h.</source>
        <translation>Rhaid i WALK_SPEED fod yn uwch na 0 km/awr.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="247"/>
        <source>NETWORK: the network layer could not be read.</source>
        <translation>NETWORK: nid oedd modd darllen haen y rhwydwaith.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="267"/>
        <source>CONNECT_TOLERANCE must be 0 or more metres.</source>
        <translation>Rhaid i CONNECT_TOLERANCE fod yn 0 metr neu fwy.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="287"/>
        <source>DEM: "{value}" could not be read as a raster layer.</source>
        <translation>DEM: nid oedd modd darllen "{value}" fel haen raster.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="292"/>
        <source>DEM "{name}" is ignored: walks are measured by distance, which slope does not change.</source>
        <translation>Anwybyddir DEM "{name}": mesurir teithiau yn ôl pellter, nad yw'r llethr yn ei newid.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="297"/>
        <source>DEM "{name}" is ignored: SLOPE_FACTOR is 0.</source>
        <translation>Anwybyddir DEM "{name}": mae SLOPE_FACTOR yn 0.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="319"/>
        <source>Where people live. Polygons are judged by the share of their area within reach, or at a point on their surface (see how polygon origins are judged).</source>
        <translation>Lle mae pobl yn byw. Caiff polygonau eu barnu yn ôl cyfran eu harwynebedd o fewn cyrraedd, neu mewn pwynt ar eu harwyneb (gweler sut y caiff mannau cychwyn polygon eu barnu).</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="330"/>
        <source>Judge polygon origins</source>
        <translation>Barnu mannau cychwyn polygon</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="331"/>
        <location filename="../ui/main_dialog.py" line="128"/>
        <source>By the share of their area within reach</source>
        <translation>Yn ôl cyfran eu harwynebedd o fewn cyrraedd</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="332"/>
        <source>At one point on their surface</source>
        <translation>Mewn un pwynt ar eu harwyneb</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="334"/>
        <source>By area share, an LSOA half inside a kind's catchment has half its people within reach (it reaches the kind when at least half do, and its score is the weighted mean of its shares); at one point, the whole polygon is within reach or not. Point origins are always judged at their point.</source>
        <translation>Yn ôl cyfran arwynebedd, mae gan LSOA sydd hanner y tu mewn i ddalgylch math hanner ei bobl o fewn cyrraedd (mae'n cyrraedd y math pan fo o leiaf hanner yn ei gyrraedd, a'i sgôr yw cymedr pwysol ei gyfrannau); mewn un pwynt, mae'r polygon cyfan o fewn cyrraedd neu beidio. Caiff mannau cychwyn sy'n bwyntiau eu barnu yn eu pwynt bob amser.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="339"/>
        <source>Where people live (residential mask)</source>
        <translation>Lle mae pobl yn byw (masg preswyl)</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="341"/>
        <source>Buildings or residential land use: only the part of a polygon origin inside these polygons carries its people, so a park or a rail yard carries nobody. A polygon with no part inside keeps its whole area. Used when polygon origins are judged by area share.</source>
        <translation>Adeiladau neu ddefnydd tir preswyl: dim ond y rhan o fan cychwyn polygon y tu mewn i'r polygonau hyn sy'n cario ei bobl, felly nid yw parc nac iard reilffordd yn cario neb. Mae polygon heb ran y tu mewn yn cadw ei arwynebedd cyfan. Fe'i defnyddir pan gaiff mannau cychwyn polygon eu barnu yn ôl cyfran arwynebedd.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="349"/>
        <source>ORIGINS: the layer could not be read.</source>
        <translation>ORIGINS: nid oedd modd darllen yr haen.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="355"/>
        <source>POPULATION_FIELD "{field}" is not a numeric field of the origins layer: choose a field holding numbers of people.</source>
        <translation>Nid yw POPULATION_FIELD "{field}" yn faes rhifol yn haen y mannau cychwyn: dewiswch faes sy'n dal niferoedd pobl.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="422"/>
        <source>Reach threshold per kind (empty: from each kind's name)</source>
        <translation>Trothwy cyrraedd fesul math (gwag: o enw pob math)</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="424"/>
        <source>Empty: each kind gets the reach threshold of the kind its name is recognised as (10 minutes for play areas, parks and retail, 20 for GP surgeries, libraries, pharmacies, dentists, schools, community and sports centres, food banks; 800 or 1600 m in distance mode), else 10 minutes (800 m); the log lists what each kind got. Or one value for every kind, or one per asset layer in order, in minutes or metres (see the cost type). Each kind's threshold is recorded in the output as K_limit.</source>
        <translation>Gwag: mae pob math yn cael trothwy cyrraedd y math y caiff ei enw ei adnabod fel (10 munud ar gyfer mannau chwarae, parciau a manwerthu, 20 ar gyfer meddygfeydd, llyfrgelloedd, fferyllfeydd, deintyddion, ysgolion, canolfannau cymunedol a chwaraeon, banciau bwyd; 800 neu 1600 m yn y modd pellter), neu fel arall 10 munud (800 m); mae'r log yn rhestru'r hyn a gafodd pob math. Neu un gwerth i bob math, neu un i bob haen ased yn eu trefn, mewn munudau neu fetrau (gweler y math o gost). Cofnodir trothwy pob math yn yr allbwn fel K_limit.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="432"/>
        <source>Weights (comma-separated)</source>
        <translation>Pwysiadau (wedi'u gwahanu gan goma)</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="433"/>
        <source>One per asset layer in order; every kind weighs 1 when empty.</source>
        <translation>Un ar gyfer pob haen asedau yn eu trefn; pan fydd yn wag, pwysiad pob math yw 1.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="441"/>
        <source>ASSETS: give at least one asset layer.</source>
        <translation>ASSETS: rhowch o leiaf un haen asedau.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="472"/>
        <source>Reach thresholds:</source>
        <translation>Trothwyon cyrraedd:</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="475"/>
        <source>as given</source>
        <translation>fel y'i rhoddwyd</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="477"/>
        <source>recognised from its name</source>
        <translation>wedi'i adnabod o'i enw</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="479"/>
        <source>not recognised: the default for other kinds</source>
        <translation>heb ei adnabod: y rhagosodiad ar gyfer mathau eraill</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="480"/>
        <source>  {kind}: {threshold:g} {unit} ({origin})</source>
        <translation>  {kind}: {threshold:g} {unit} ({origin})</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="500"/>
        <source>Reach either side of a street (m)</source>
        <translation>Cyrhaeddiad bob ochr i stryd (m)</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="507"/>
        <source>TRIM_DISTANCE must be above 0 m: it is how far either side of a street the catchment reaches (50 m by default).</source>
        <translation>Rhaid i TRIM_DISTANCE fod yn uwch na 0 m: dyma pa mor bell bob ochr i stryd y mae'r dalgylch yn ymestyn (50 m yn ddiofyn).</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="520"/>
        <source>Facilities (assets)</source>
        <translation>Cyfleusterau (asedau)</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="521"/>
        <source>Points or polygons: libraries, GP surgeries, parks...</source>
        <translation>Pwyntiau neu bolygonau: llyfrgelloedd, meddygfeydd, parciau...</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="523"/>
        <source>Facility identifier</source>
        <translation>Dynodydd y cyfleuster</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="525"/>
        <source>Copied to the outputs; the feature id when empty.</source>
        <translation>Caiff ei gopïo i'r allbynnau; id y nodwedd pan fydd yn wag.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="527"/>
        <source>Thresholds (comma-separated)</source>
        <translation>Trothwyon (wedi'u gwahanu gan goma)</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="529"/>
        <source>Breaks in minutes (walking time) or metres (network distance), e.g. "5, 10".</source>
        <translation>Toriadau mewn munudau (amser cerdded) neu fetrau (pellter ar y rhwydwaith), e.e. "5, 10".</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="534"/>
        <source>Overlap</source>
        <translation>Gorgyffwrdd</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="535"/>
        <source>One polygon per facility and threshold</source>
        <translation>Un polygon ar gyfer pob cyfleuster a throthwy</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="536"/>
        <source>Merged per threshold</source>
        <translation>Wedi'u cyfuno fesul trothwy</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="536"/>
        <source>Rings (disjoint bands)</source>
        <translation>Cylchoedd (bandiau ar wahân)</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="538"/>
        <source>One polygon per facility and threshold (they overlap); one polygon per threshold for all facilities, each containing the smaller ones; or rings, each band from the previous threshold to its own.</source>
        <translation>Un polygon ar gyfer pob cyfleuster a throthwy (maent yn gorgyffwrdd); un polygon fesul trothwy ar gyfer yr holl gyfleusterau, pob un yn cynnwys y rhai llai; neu gylchoedd, pob band o'r trothwy blaenorol i'w drothwy ei hun.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="553"/>
        <source>FACILITIES: the layer could not be read.</source>
        <translation>FACILITIES: nid oedd modd darllen yr haen.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="583"/>
        <source>INPUT: the layer could not be read.</source>
        <translation>INPUT: nid oedd modd darllen yr haen.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="590"/>
        <source>INPUT "{layer}" is an access surface: give the scored origins (the OUTPUT of "Multi-asset access score"), which know where people live.</source>
        <translation>Arwyneb mynediad yw INPUT "{layer}": rhowch y mannau cychwyn sgoredig (OUTPUT "Sgôr mynediad aml-ased"), sy'n gwybod lle mae pobl yn byw.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="596"/>
        <source>POPULATION_FIELD "{field}" is not a numeric field of INPUT "{layer}": choose a field holding numbers of people.</source>
        <translation>Nid yw POPULATION_FIELD "{field}" yn faes rhifol yn INPUT "{layer}": dewiswch faes sy'n dal niferoedd pobl.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="619"/>
        <source>Fewest people in a desert place</source>
        <translation>Y nifer lleiaf o bobl mewn lle diffeithwch</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="621"/>
        <source>Places with fewer people are not deserts (ignored without a population field).</source>
        <translation>Nid yw lleoedd â llai o bobl yn ddiffeithwch (anwybyddir hyn heb faes poblogaeth).</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="627"/>
        <source>Cell size around a point (m)</source>
        <translation>Maint y gell o amgylch pwynt (m)</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="629"/>
        <source>A point origin stands for the square of this size centred on it; give the spacing of a point grid. Where the squares of close points overlap, each place goes to the nearer point. Polygon origins are used as they are.</source>
        <translation>Mae man cychwyn pwynt yn cynrychioli'r sgwâr o'r maint hwn sydd â'i ganol arno; rhowch fylchiad y grid pwyntiau. Lle mae sgwariau pwyntiau agos yn gorgyffwrdd, mae pob lle'n mynd i'r pwynt agosaf. Defnyddir mannau cychwyn polygon fel y maent.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="657"/>
        <source>The areas to profile; transformed to the scored layer's CRS.</source>
        <translation>Yr ardaloedd i'w proffilio; cânt eu trawsnewid i CRS yr haen sgoredig.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="659"/>
        <source>Zone name field</source>
        <translation>Maes enw'r parth</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="661"/>
        <source>Names the zones in the report; the feature id when empty.</source>
        <translation>Yn enwi'r parthau yn yr adroddiad; id y nodwedd pan fydd yn wag.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="668"/>
        <source>A number per zone where low means deprived, such as the IMD decile.</source>
        <translation>Rhif ar gyfer pob parth lle mae gwerth isel yn golygu difreintiedig, fel y degradd IMD.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="670"/>
        <source>Most deprived: values at or below</source>
        <translation>Mwyaf difreintiedig: gwerthoedd hyd at a chan gynnwys</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="672"/>
        <source>3 takes IMD deciles 1 to 3 as the most deprived.</source>
        <translation>Gyda 3, degraddau IMD 1 i 3 yw'r mwyaf difreintiedig.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="674"/>
        <source>Priority: share of people in deserts (%)</source>
        <translation>Blaenoriaeth: cyfran y bobl mewn ardaloedd diffeithwch (%)</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="677"/>
        <source>A most deprived zone where at least this share of people live in deserts is a priority.</source>
        <translation>Mae parth mwyaf difreintiedig lle mae o leiaf y gyfran hon o bobl yn byw mewn ardaloedd diffeithwch yn flaenoriaeth.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="682"/>
        <source>Deserts (for the report)</source>
        <translation>Ardaloedd diffeithwch (ar gyfer yr adroddiad)</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="683"/>
        <source>The output of "Social infrastructure deserts"; when empty, the report finds the deserts from the scored origins with the same rule.</source>
        <translation>Allbwn "Ardaloedd diffeithwch seilwaith cymdeithasol"; pan fydd yn wag, mae'r adroddiad yn canfod yr ardaloedd diffeithwch o'r mannau cychwyn sgoredig gyda'r un rheol.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="689"/>
        <source>More data attribution for the report</source>
        <translation>Rhagor o gydnabyddiaeth data ar gyfer yr adroddiad</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="690"/>
        <source>E.g. "Contains OS data © Crown copyright and database right" or the source of the deprivation figures.</source>
        <translation>E.e. "Yn cynnwys data'r Arolwg Ordnans © Hawlfraint y Goron a hawl cronfa ddata" neu ffynhonnell y ffigurau amddifadedd.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="696"/>
        <source>ZONES: the layer could not be read.</source>
        <translation>ZONES: nid oedd modd darllen yr haen.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="722"/>
        <source>Assets that close (expression)</source>
        <translation>Asedau sy'n cau (mynegiad)</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="723"/>
        <source>Evaluated on every asset layer: matching features close. A layer lacking a field the expression names keeps all its assets.</source>
        <translation>Fe'i gwerthusir ar bob haen asedau: mae'r nodweddion sy'n cyfateb yn cau. Mae haen heb faes a enwir gan y mynegiad yn cadw ei holl asedau.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="726"/>
        <source>New sites</source>
        <translation>Safleoedd newydd</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="727"/>
        <source>Points where new assets open.</source>
        <translation>Pwyntiau lle mae asedau newydd yn agor.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="729"/>
        <source>Kind of the new sites</source>
        <translation>Math y safleoedd newydd</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="730"/>
        <source>The kind name the new sites belong to, as in the kind names (or the asset layer's name). May be left empty when there is one kind.</source>
        <translation>Enw'r math y mae'r safleoedd newydd yn perthyn iddo, fel yn enwau'r mathau (neu enw'r haen asedau). Gellir ei adael yn wag pan fo un math yn unig.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="736"/>
        <source>For the zones output: the changes summed per zone. An origin belongs to the zone holding its point.</source>
        <translation>Ar gyfer allbwn y parthau: cyfanswm y newidiadau ym mhob parth. Mae man cychwyn yn perthyn i'r parth sy'n dal ei bwynt.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="749"/>
        <source>REMOVE is not a valid expression: {error}</source>
        <translation>Nid yw REMOVE yn fynegiad dilys: {error}</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="769"/>
        <source>Existing sites of this kind</source>
        <translation>Safleoedd presennol o'r math hwn</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="771"/>
        <source>People already within reach of one of these gain nothing from a new site.</source>
        <translation>Nid yw pobl sydd eisoes o fewn cyrraedd i un o'r rhain yn elwa ar safle newydd.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="773"/>
        <source>Candidate sites</source>
        <translation>Safleoedd posibl</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="774"/>
        <source>Points where a new site could go.</source>
        <translation>Pwyntiau lle gallai safle newydd fynd.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="776"/>
        <source>Within reach (minutes or metres, see the cost type)</source>
        <translation>O fewn cyrraedd (munudau neu fetrau, gweler y math o gost)</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="778"/>
        <source>How far counts as within reach of a site, in the unit of the cost type.</source>
        <translation>Pa mor bell sy'n cyfrif fel o fewn cyrraedd i safle, yn uned y math o gost.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="780"/>
        <source>Number of sites to choose</source>
        <translation>Nifer y safleoedd i'w dewis</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="782"/>
        <source>How many candidates to pick, one after the other.</source>
        <translation>Faint o safleoedd posibl i'w dewis, y naill ar ôl y llall.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="788"/>
        <source>N_SITES is {value}: give how many sites to choose, 1 or more.</source>
        <translation>Mae N_SITES yn {value}: rhowch nifer y safleoedd i'w dewis, 1 neu fwy.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="798"/>
        <source>THRESHOLD must be above 0 {unit}: how far counts as within reach.</source>
        <translation>Rhaid i THRESHOLD fod yn uwch na 0 {unit}: pa mor bell sy'n cyfrif fel o fewn cyrraedd.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="805"/>
        <source>CANDIDATES: the layer could not be read.</source>
        <translation>CANDIDATES: nid oedd modd darllen yr haen.</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="823"/>
        <source>Near-miss distance (m)</source>
        <translation>Pellter bron â chyffwrdd (m)</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="825"/>
        <source>Line ends closer than this to another line, without touching it, are reported.</source>
        <translation>Caiff pennau llinellau sy'n agosach na hyn at linell arall, heb ei chyffwrdd, eu nodi.</translation>
    </message>
    <message>
        <location filename="../algorithms/provider.py" line="26"/>
        <source>Community asset gaps</source>
        <translation>Bylchau asedau cymunedol</translation>
    </message>
    <message>
        <location filename="../algorithms/readers.py" line="212"/>
        <source>Working CRS: {crs}</source>
        <translation>CRS gwaith: {crs}</translation>
    </message>
    <message>
        <location filename="../algorithms/readers.py" line="213"/>
        <source>read network</source>
        <translation>darllen y rhwydwaith</translation>
    </message>
    <message>
        <location filename="../algorithms/readers.py" line="219"/>
        <location filename="../algorithms/readers.py" line="237"/>
        <source>build graph</source>
        <translation>adeiladu&apos;r graff</translation>
    </message>
    <message>
        <location filename="../algorithms/readers.py" line="224"/>
        <source>Line ends joined to a line within {tolerance:g} m: {count}.</source>
        <translation>Pennau llinellau a unwyd â llinell o fewn {tolerance:g} m: {count}.</translation>
    </message>
    <message>
        <location filename="../algorithms/readers.py" line="228"/>
        <source>The network has no walkable lines left ({read} features read): check the layer, the walkability preset and NETWORK_FILTER.</source>
        <translation>Nid oes llinellau cerdded ar ôl yn y rhwydwaith ({read} o nodweddion wedi'u darllen): gwiriwch yr haen, y rhagosodiad cerdded a NETWORK_FILTER.</translation>
    </message>
    <message>
        <location filename="../algorithms/readers.py" line="231"/>
        <source>Network: {edges} edges between {nodes} junctions, {km:.1f} km.</source>
        <translation>Rhwydwaith: {edges} o ddarnau rhwng {nodes} o gyffyrdd, {km:.1f} km.</translation>
    </message>
    <message>
        <location filename="../algorithms/readers.py" line="250"/>
        <source>Ground heights: DEM "{name}" ({crs}), slope factor {factor:g}.</source>
        <translation>Uchder y tir: DEM "{name}" ({crs}), ffactor llethr {factor:g}.</translation>
    </message>
    <message>
        <location filename="../algorithms/readers.py" line="254"/>
        <source>The DEM under the network is larger than {cells:,} cells: it was read {factor} times coarser.</source>
        <translation>Mae'r DEM o dan y rhwydwaith yn fwy na {cells:,} o gelloedd: fe'i darllenwyd {factor} gwaith yn fwy bras.</translation>
    </message>
    <message>
        <location filename="../algorithms/readers.py" line="258"/>
        <source>DEM "{name}" does not cover the network: every walk is on the flat.</source>
        <translation>Nid yw DEM "{name}" yn cwmpasu'r rhwydwaith: mae pob taith ar dir gwastad.</translation>
    </message>
    <message>
        <location filename="../algorithms/readers.py" line="268"/>
        <source>Network on the DEM: {share:.0f}%; {km:.1f} km walked as flat (off the DEM or no data).</source>
        <translation>Rhwydwaith ar y DEM: {share:.0f}%; {km:.1f} km wedi'u cerdded fel tir gwastad (oddi ar y DEM neu heb ddata).</translation>
    </message>
    <message>
        <location filename="../algorithms/readers.py" line="284"/>
        <source>{name}: straight gaps to the network walked as flat: {count} points, {metres:,.0f} m in all.</source>
        <translation>{name}: bylchau syth i'r rhwydwaith wedi'u cerdded fel tir gwastad: {count} pwynt, {metres:,.0f} m i gyd.</translation>
    </message>
    <message>
        <location filename="../algorithms/readers.py" line="291"/>
        <source>Network layer "{name}": walkability preset {preset}.</source>
        <translation>Haen rhwydwaith "{name}": rhagosodiad cerdded {preset}.</translation>
    </message>
    <message>
        <location filename="../algorithms/readers.py" line="294"/>
        <source>  features left out ({reason}): {count}</source>
        <translation>  nodweddion a adawyd allan ({reason}): {count}</translation>
    </message>
    <message>
        <location filename="../algorithms/readers.py" line="297"/>
        <source>  features left out by NETWORK_FILTER: {count}</source>
        <translation>  nodweddion a adawyd allan gan NETWORK_FILTER: {count}</translation>
    </message>
    <message>
        <location filename="../algorithms/readers.py" line="300"/>
        <source>  network features without geometry: {count}</source>
        <translation>  nodweddion y rhwydwaith heb geometreg: {count}</translation>
    </message>
    <message>
        <location filename="../algorithms/readers.py" line="312"/>
        <source>read origins</source>
        <translation>darllen y mannau cychwyn</translation>
    </message>
    <message>
        <location filename="../algorithms/readers.py" line="316"/>
        <source>The origins layer "{name}" has no features.</source>
        <translation>Nid oes nodweddion yn haen y mannau cychwyn "{name}".</translation>
    </message>
    <message>
        <location filename="../algorithms/readers.py" line="324"/>
        <location filename="../algorithms/readers.py" line="447"/>
        <source>attach</source>
        <translation>cysylltu â&apos;r rhwydwaith</translation>
    </message>
    <message>
        <location filename="../algorithms/readers.py" line="336"/>
        <source>Origins: {count} read, {unreached} farther than {snap:g} m from the network (status 'unreached').</source>
        <translation>Mannau cychwyn: {count} wedi'u darllen, {unreached} yn bellach na {snap:g} m o'r rhwydwaith (statws 'unreached').</translation>
    </message>
    <message>
        <location filename="../algorithms/readers.py" line="341"/>
        <source>Origins without geometry (status 'unreached'): {count}.</source>
        <translation>Mannau cychwyn heb geometreg (statws 'unreached'): {count}.</translation>
    </message>
    <message>
        <location filename="../algorithms/readers.py" line="345"/>
        <source>Polygon origins whose point on surface is farther than {snap:g} m from the network but some part of them is not: {count}; their costs are walked from that point.</source>
        <translation>Mannau cychwyn polygon y mae eu pwynt ar yr arwyneb yn bellach na {snap:g} m o'r rhwydwaith ond nad yw rhyw ran ohonynt: {count}; cerddir eu costau o'r pwynt hwnnw.</translation>
    </message>
    <message>
        <location filename="../algorithms/readers.py" line="352"/>
        <source>Origins joining the network only on a small disconnected part (less than {share:.0f}% of its length), so reaching little: {count}. Check the network with 'Check the network', or raise CONNECT_TOLERANCE.</source>
        <translation>Mannau cychwyn sy'n ymuno â'r rhwydwaith ar ddarn bach ar wahân yn unig (llai na {share:.0f}% o'i hyd), felly'n cyrraedd ychydig: {count}. Gwiriwch y rhwydwaith gyda 'Gwirio'r rhwydwaith', neu codwch CONNECT_TOLERANCE.</translation>
    </message>
    <message>
        <location filename="../algorithms/readers.py" line="380"/>
        <source>The origins layer "{name}" changed while the run read it: run it again once the layer is saved.</source>
        <translation>Newidiodd yr haen mannau cychwyn "{name}" tra oedd y rhediad yn ei darllen: rhedwch eto unwaith y bydd yr haen wedi&apos;i chadw.</translation>
    </message>
    <message>
        <location filename="../algorithms/readers.py" line="404"/>
        <source>RESIDENTIAL_MASK "{layer}" holds no polygons where the origins are: give buildings or residential areas covering them, or leave it empty.</source>
        <translation>Nid oes gan RESIDENTIAL_MASK "{layer}" bolygonau lle mae'r mannau cychwyn: rhowch adeiladau neu ardaloedd preswyl sy'n eu cwmpasu, neu gadewch ef yn wag.</translation>
    </message>
    <message>
        <location filename="../algorithms/readers.py" line="408"/>
        <source>Residential mask "{layer}": {count} polygons where the origins are.</source>
        <translation>Masg preswyl "{layer}": {count} o bolygonau lle mae'r mannau cychwyn.</translation>
    </message>
    <message>
        <location filename="../algorithms/readers.py" line="435"/>
        <source>The layer "{name}" ({role}) holds {kind}: give a layer of points or polygons.</source>
        <translation>Mae'r haen "{name}" ({role}) yn dal {kind}: rhowch haen o bwyntiau neu bolygonau.</translation>
    </message>
    <message>
        <location filename="../algorithms/readers.py" line="451"/>
        <source>{name}: {role} attached to the network: {attached} of {total}.</source>
        <translation>{name} ({role}): wedi'u cysylltu â'r rhwydwaith: {attached} o {total}.</translation>
    </message>
    <message>
        <location filename="../algorithms/readers.py" line="456"/>
        <source>{name}: features without geometry, skipped: {count}.</source>
        <translation>{name}: nodweddion heb geometreg, wedi'u hepgor: {count}.</translation>
    </message>
    <message>
        <location filename="../algorithms/readers.py" line="461"/>
        <source>{name}: features farther than {snap:g} m from the network, skipped: {count} (for example {examples}).</source>
        <translation>{name}: nodweddion sy'n bellach na {snap:g} m o'r rhwydwaith, wedi'u hepgor: {count} (er enghraifft {examples}).</translation>
    </message>
    <message>
        <location filename="../algorithms/readers.py" line="467"/>
        <source>{name}: features joining the network only on a small disconnected part (less than {share:.0f}% of its length), whose catchments stay small: {count} (for example {examples}). Check the network with 'Check the network', or raise CONNECT_TOLERANCE.</source>
        <translation>{name}: nodweddion sy'n ymuno â'r rhwydwaith ar ddarn bach ar wahân yn unig (llai na {share:.0f}% o'i hyd), ac y mae eu dalgylchoedd yn aros yn fach: {count} (er enghraifft {examples}). Gwiriwch y rhwydwaith gyda 'Gwirio'r rhwydwaith', neu codwch CONNECT_TOLERANCE.</translation>
    </message>
    <message>
        <location filename="../algorithms/readers.py" line="475"/>
        <source>No feature of "{name}" ({role}) lies within {snap:g} m of the network: check that the layer covers the same area as the network, or raise MAX_SNAP_DISTANCE.</source>
        <translation>Nid oes nodwedd yn "{name}" ({role}) o fewn {snap:g} m i'r rhwydwaith: gwiriwch fod yr haen yn cwmpasu'r un ardal â'r rhwydwaith, neu codwch MAX_SNAP_DISTANCE.</translation>
    </message>
    <message>
        <location filename="../algorithms/readers.py" line="487"/>
        <source>The scored layer does not record its reach thresholds (no K_limit fields): make it again with "Multi-asset access score" to have them stated.</source>
        <translation>Nid yw'r haen sgoriedig yn cofnodi ei throthwyon cyrraedd (dim meysydd K_limit): gwnewch hi eto gyda "Sgôr mynediad aml-ased" i'w datgan.</translation>
    </message>
    <message>
        <location filename="../algorithms/readers.py" line="492"/>
        <source>Judged by the reach thresholds of the access score: {limits}.</source>
        <translation>Wedi'u barnu wrth drothwyon cyrraedd y sgôr mynediad: {limits}.</translation>
    </message>
    <message>
        <location filename="../algorithms/readers.py" line="564"/>
        <source>INPUT "{layer}": {count} units scored on {kinds} kinds ({names}); {unreached} unreached origins are never deserts.</source>
        <translation>INPUT "{layer}": {count} o unedau wedi'u sgorio ar {kinds} math ({names}); nid yw {unreached} o fannau cychwyn heb eu cyrraedd byth mewn diffeithwch.</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario.py" line="41"/>
        <source>What if? Close or build assets (scenario)</source>
        <translation>Beth os? Cau neu adeiladu asedau (senario)</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario.py" line="43"/>
        <source>Compares access before and after a change: assets that close (REMOVE, an expression evaluated on every asset layer) and new sites that open (ADD_SITES, of the kind ADD_KIND).

The summary table has one row per kind: the people within reach of that kind before and after and the change (negative is a loss), and, the same on every row, the people living in deserts (places missing at least MIN_MISSING kinds) and the people-weighted mean score before and after.

The origins output gives, per kind, K_ok_before and K_ok_after (1/0), K_share_before and K_share_after (the % of the origin's people within reach) and 'change': 'lost' when the origin loses reach of any kind, 'gained' when it gains reach of a kind and loses none, 'same' otherwise. Origins off the network (status 'unreached') have NULL results and are left out of every total.

Polygon origins are judged as in the access score: by default by the share of their area within each kind's catchment, so that the people within reach count by that share and K_ok is 1 when at least half of them are within reach.

A layer on which REMOVE cannot be evaluated (it lacks a field the expression names) keeps all its assets, and the log says so. With ZONES, the optional zones output gives the same figures per zone.

Only the kinds that change are searched again; new sites alone are one search of their own, combined with the existing assets.</source>
        <translation>Yn cymharu mynediad cyn ac ar ôl newid: asedau sy'n cau (REMOVE, mynegiad a werthusir ar bob haen asedau) a safleoedd newydd sy'n agor (ADD_SITES, o'r math ADD_KIND).

Mae gan y tabl crynodeb un rhes ar gyfer pob math: y bobl o fewn cyrraedd i'r math hwnnw cyn ac ar ôl, a'r newid (colled yw gwerth negatif), ac, yr un fath ar bob rhes, y bobl sy'n byw mewn ardaloedd diffeithwch (lleoedd lle mae o leiaf MIN_MISSING math ar goll) a'r sgôr gymedrig wedi'i phwysoli yn ôl pobl, cyn ac ar ôl.

Mae allbwn y mannau cychwyn yn rhoi K_ok_before a K_ok_after (1/0) ar gyfer pob math, K_share_before a K_share_after (y % o bobl y man cychwyn o fewn cyrraedd), a 'change': 'lost' pan fydd y man cychwyn yn colli cyrraedd i unrhyw fath, 'gained' pan fydd yn ennill cyrraedd i fath heb golli'r un, 'same' fel arall. Mae gan fannau cychwyn oddi ar y rhwydwaith (statws 'unreached') ganlyniadau NULL, ac fe'u gadewir allan o bob cyfanswm.

Caiff mannau cychwyn polygon eu barnu fel yn y sgôr mynediad: yn ddiofyn yn ôl cyfran eu harwynebedd o fewn dalgylch pob math, fel bod y bobl o fewn cyrraedd yn cyfrif yn ôl y gyfran honno a bod K_ok yn 1 pan fo o leiaf hanner ohonynt o fewn cyrraedd.

Mae haen lle nad oes modd gwerthuso REMOVE (nid oes ganddi faes a enwir gan y mynegiad) yn cadw ei holl asedau, ac mae'r log yn dweud hynny. Gyda ZONES, mae allbwn dewisol y parthau'n rhoi'r un ffigurau ar gyfer pob parth.

Dim ond y mathau sy'n newid a chwilir eto; mae safleoedd newydd ar eu pen eu hunain yn un chwiliad ar wahân, wedi'i gyfuno â'r asedau presennol.</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario.py" line="70"/>
        <source>For the area shares of polygon origins: how far either side of a reachable street a catchment reaches.</source>
        <translation>Ar gyfer cyfrannau arwynebedd mannau cychwyn polygon: pa mor bell bob ochr i stryd o fewn cyrraedd y mae dalgylch yn cyrraedd.</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario.py" line="76"/>
        <source>Scenario summary</source>
        <translation>Crynodeb y senario</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario.py" line="76"/>
        <source>A table, one row per kind: kind, pop_before, pop_after, pop_change, then desert_pop_before, desert_pop_after, mean_score_before and mean_score_after for the whole area.</source>
        <translation>Tabl, un rhes ar gyfer pob math: kind, pop_before, pop_after, pop_change, yna desert_pop_before, desert_pop_after, mean_score_before a mean_score_after ar gyfer yr ardal gyfan.</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario.py" line="80"/>
        <source>Scenario origins</source>
        <translation>Mannau cychwyn y senario</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario.py" line="80"/>
        <source>The origins with K_ok_before, K_ok_after, K_share_before and K_share_after per kind K, status, n_missing_before, n_missing_after, score_before, score_after and change ('gained', 'lost', 'same'); styled by change.</source>
        <translation>Y mannau cychwyn gyda K_ok_before, K_ok_after, K_share_before a K_share_after ar gyfer pob math K, status, n_missing_before, n_missing_after, score_before, score_after a change ('gained', 'lost', 'same'); wedi'u steilio yn ôl y newid.</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario.py" line="85"/>
        <source>Scenario by zone</source>
        <translation>Senario fesul parth</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario.py" line="85"/>
        <source>With ZONES: the zones with K_pop_before, K_pop_after and K_pop_change per kind K, then desert_pop_before, desert_pop_after, mean_score_before and mean_score_after.</source>
        <translation>Gyda ZONES: y parthau gyda K_pop_before, K_pop_after a K_pop_change ar gyfer pob math K, yna desert_pop_before, desert_pop_after, mean_score_before a mean_score_after.</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario.py" line="133"/>
        <source>REMOVE cannot be evaluated on "{name}" ({error}): all its assets stay open.</source>
        <translation>Nid oes modd gwerthuso REMOVE ar "{name}" ({error}): mae ei holl asedau'n aros ar agor.</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario.py" line="150"/>
        <source>REMOVE on "{name}": assets: {total}; closed: {closed}.</source>
        <translation>REMOVE ar "{name}": asedau: {total}; wedi cau: {closed}.</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario.py" line="160"/>
        <source>The desert figures are left empty (NULL): {reason} Lower MIN_MISSING to at most the number of kinds to count deserts.</source>
        <translation>Gadewir ffigurau'r diffeithdiroedd yn wag (NULL): {reason} Gostyngwch MIN_MISSING i ddim mwy na nifer y mathau i gyfrif diffeithdiroedd.</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario.py" line="169"/>
        <source>ADD_KIND is ignored: no new sites (ADD_SITES) were given.</source>
        <translation>Anwybyddir ADD_KIND: ni roddwyd safleoedd newydd (ADD_SITES).</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario.py" line="187"/>
        <source>new sites</source>
        <translation>safleoedd newydd</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario.py" line="189"/>
        <source>The scenario changes nothing: no asset closes and no new site attaches to the network.</source>
        <translation>Nid yw'r senario'n newid dim: nid oes ased yn cau ac nid oes safle newydd yn cysylltu â'r rhwydwaith.</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario.py" line="261"/>
        <source>OUTPUT: the origins could not be written.</source>
        <translation>OUTPUT: nid oedd modd ysgrifennu'r mannau cychwyn.</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario.py" line="288"/>
        <source>OUTPUT_SUMMARY: the summary could not be written.</source>
        <translation>OUTPUT_SUMMARY: nid oedd modd ysgrifennu'r crynodeb.</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario.py" line="304"/>
        <source>ZONES is given but OUTPUT_ZONES is not: no per-zone results are written.</source>
        <translation>Rhoddwyd ZONES ond nid OUTPUT_ZONES: ni chaiff canlyniadau fesul parth eu hysgrifennu.</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario.py" line="334"/>
        <source>{zones} zones; {outside} origins lie outside every zone.</source>
        <translation>{zones} o barthau; mae {outside} o fannau cychwyn y tu allan i bob parth.</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario.py" line="345"/>
        <source>{kind}: searched again without the closed assets.</source>
        <translation>{kind}: chwiliwyd eto heb yr asedau sy'n cau.</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario.py" line="348"/>
        <source>{kind}: one search from the new sites, combined with the existing assets.</source>
        <translation>{kind}: un chwiliad o'r safleoedd newydd, wedi'i gyfuno â'r asedau presennol.</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario.py" line="356"/>
        <source>Within reach, before -&gt; after ({people}):</source>
        <translation>O fewn cyrraedd, cyn -&gt; ar ôl ({people}):</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario.py" line="359"/>
        <source>  {kind}: {before:,.0f} -&gt; {after:,.0f} ({change:+,.0f})</source>
        <translation>  {kind}: {before:,.0f} -&gt; {after:,.0f} ({change:+,.0f})</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario.py" line="364"/>
        <source>In deserts: {before:,.0f} -&gt; {after:,.0f} {people}.</source>
        <translation>Mewn ardaloedd diffeithwch: {before:,.0f} -&gt; {after:,.0f} ({people}).</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario.py" line="368"/>
        <source>Mean score: {before:.1f} -&gt; {after:.1f}.</source>
        <translation>Sgôr gymedrig: {before:.1f} -&gt; {after:.1f}.</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario.py" line="371"/>
        <source>Origins: {gained} gained reach of a kind, {lost} lost reach of a kind, {same} unchanged.</source>
        <translation>Mannau cychwyn: enillodd {gained} gyrraedd i fath, collodd {lost} gyrraedd i fath, {same} heb newid.</translation>
    </message>
    <message>
        <location filename="../algorithms/styles.py" line="66"/>
        <source>100: every kind within reach</source>
        <translation>100: pob math o fewn cyrraedd</translation>
    </message>
    <message>
        <location filename="../algorithms/styles.py" line="67"/>
        <source>75 to under 100</source>
        <translation>75 i lai na 100</translation>
    </message>
    <message>
        <location filename="../algorithms/styles.py" line="68"/>
        <source>50 to under 75</source>
        <translation>50 i lai na 75</translation>
    </message>
    <message>
        <location filename="../algorithms/styles.py" line="69"/>
        <source>25 to under 50</source>
        <translation>25 i lai na 50</translation>
    </message>
    <message>
        <location filename="../algorithms/styles.py" line="70"/>
        <source>under 25</source>
        <translation>llai na 25</translation>
    </message>
    <message>
        <location filename="../algorithms/styles.py" line="71"/>
        <source>unreached (off the network)</source>
        <translation>heb ei gyrraedd (oddi ar y rhwydwaith)</translation>
    </message>
    <message>
        <location filename="../algorithms/styles.py" line="72"/>
        <source>social infrastructure desert</source>
        <translation>diffeithwch seilwaith cymdeithasol</translation>
    </message>
    <message>
        <location filename="../algorithms/styles.py" line="73"/>
        <source>nobody in a desert</source>
        <translation>neb mewn diffeithwch</translation>
    </message>
    <message>
        <location filename="../algorithms/styles.py" line="74"/>
        <source>under 10% in deserts</source>
        <translation>llai na 10% mewn ardaloedd diffeithwch</translation>
    </message>
    <message>
        <location filename="../algorithms/styles.py" line="75"/>
        <source>10% to under 25%</source>
        <translation>10% i lai na 25%</translation>
    </message>
    <message>
        <location filename="../algorithms/styles.py" line="76"/>
        <source>25% to under 50%</source>
        <translation>25% i lai na 50%</translation>
    </message>
    <message>
        <location filename="../algorithms/styles.py" line="77"/>
        <source>50% or more</source>
        <translation>50% neu fwy</translation>
    </message>
    <message>
        <location filename="../algorithms/styles.py" line="78"/>
        <source>no people</source>
        <translation>dim pobl</translation>
    </message>
    <message>
        <location filename="../algorithms/styles.py" line="79"/>
        <source>priority zone</source>
        <translation>parth blaenoriaeth</translation>
    </message>
    <message>
        <location filename="../algorithms/styles.py" line="80"/>
        <source>dangling end near a line</source>
        <translation>pen rhydd ger llinell</translation>
    </message>
    <message>
        <location filename="../algorithms/styles.py" line="81"/>
        <source>lines cross without a junction</source>
        <translation>llinellau'n croesi heb gyffordd</translation>
    </message>
    <message>
        <location filename="../algorithms/styles.py" line="82"/>
        <source>small component</source>
        <translation>cydran fach</translation>
    </message>
    <message>
        <location filename="../algorithms/styles.py" line="83"/>
        <source>largest component</source>
        <translation>y gydran fwyaf</translation>
    </message>
    <message>
        <location filename="../algorithms/styles.py" line="84"/>
        <source>other components (islands)</source>
        <translation>cydrannau eraill (ynysoedd)</translation>
    </message>
    <message>
        <location filename="../algorithms/styles.py" line="85"/>
        <source>gained</source>
        <translation>wedi ennill</translation>
    </message>
    <message>
        <location filename="../algorithms/styles.py" line="86"/>
        <source>lost</source>
        <translation>wedi colli</translation>
    </message>
    <message>
        <location filename="../algorithms/styles.py" line="87"/>
        <source>same</source>
        <translation>dim newid</translation>
    </message>
    <message>
        <location filename="../algorithms/styles.py" line="88"/>
        <source>chosen site (label: rank)</source>
        <translation>safle a ddewiswyd (label: rhif trefn)</translation>
    </message>
    <message>
        <location filename="../algorithms/styles.py" line="89"/>
        <source>{value} within reach</source>
        <translation>{value} o fewn cyrraedd</translation>
    </message>
    <message>
        <location filename="../algorithms/styles.py" line="157"/>
        <source>not a valid vector layer</source>
        <translation>nid yw'n haen fector ddilys</translation>
    </message>
    <message>
        <location filename="../algorithms/styles.py" line="160"/>
        <source>no style named "{name}" for this geometry</source>
        <translation>nid oes arddull o'r enw "{name}" ar gyfer y geometreg hon</translation>
    </message>
    <message>
        <location filename="../algorithms/styles.py" line="183"/>
        <location filename="../ui/analysis_run.py" line="405"/>
        <source>The layer "{layer}" was not styled: {problem}</source>
        <translation>Ni chafodd yr haen "{layer}" ei steilio: {problem}</translation>
    </message>
    <message>
        <location filename="../algorithms/styles.py" line="230"/>
        <source>Community Asset Gaps style</source>
        <translation>Arddull Bylchau Asedau Cymunedol</translation>
    </message>
    <message>
        <location filename="../algorithms/styles.py" line="232"/>
        <source>The style could not be saved in {uri}: {problem}</source>
        <translation>Nid oedd modd cadw'r arddull yn {uri}: {problem}</translation>
    </message>
    <message>
        <location filename="../core/deserts.py" line="57"/>
        <source>INPUT "{layer}" is not an access score output: it lacks the fields {fields}. Run "Multi-asset access score" first and give its output.</source>
        <translation>Nid yw INPUT "{layer}" yn allbwn sgôr mynediad: nid oes ganddo'r meysydd {fields}. Rhedwch "Sgôr mynediad aml-ased" yn gyntaf a rhowch ei allbwn.</translation>
    </message>
    <message>
        <location filename="../core/deserts.py" line="66"/>
        <source>MIN_MISSING is {min_missing}, more than the kinds of asset the layer was scored on ({kinds}: {count}): no place can miss that many.</source>
        <translation>Mae MIN_MISSING yn {min_missing}, mwy na'r mathau o ased a sgoriwyd yn yr haen ({kinds}: {count}): ni all unrhyw le fod heb gymaint â hynny.</translation>
    </message>
    <message>
        <location filename="../core/presets.py" line="14"/>
        <source>none</source>
        <translation>dim</translation>
    </message>
    <message>
        <location filename="../core/profile.py" line="134"/>
        <source>POPULATION_FIELD "{field}" of "{layer}" holds negative numbers of people: {count} (feature ids {ids}). Correct them, or leave them empty (counted as no people).</source>
        <translation>Mae POPULATION_FIELD "{field}" o "{layer}" yn dal niferoedd negatif o bobl: {count} (ids nodweddion {ids}). Cywirwch nhw, neu gadewch nhw'n wag (cyfrifir fel dim pobl).</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="25"/>
        <source>Contains OpenStreetMap data © OpenStreetMap contributors (ODbL)</source>
        <translation>Yn cynnwys data OpenStreetMap © cyfranwyr OpenStreetMap (ODbL)</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="246"/>
        <source>who cannot walk to at least {n} of the kinds of asset (kinds scored: {kinds})</source>
        <translation>na allant gerdded i o leiaf {n} o'r mathau o ased (mathau a sgoriwyd: {kinds})</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="264"/>
        <source>{value} m</source>
        <translation>{value} m</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="266"/>
        <source>{value} min walk</source>
        <translation>{value} munud o gerdded</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="270"/>
        <source>Access to community assets: area profile</source>
        <translation>Mynediad at asedau cymunedol: proffil ardal</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="273"/>
        <source>Produced on {date} from the access scores "{scores}" and the zones "{zones}".</source>
        <translation>Cynhyrchwyd ar {date} o'r sgorau mynediad "{scores}" a'r parthau "{zones}".</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="282"/>
        <source>The access scores cover {people} people, {scored} of them near enough to the street and path network to be scored. </source>
        <translation>Mae'r sgorau mynediad yn cwmpasu {people} o bobl, {scored} ohonynt yn ddigon agos at y rhwydwaith strydoedd a llwybrau i gael eu sgorio. </translation>
    </message>
    <message>
        <location filename="../core/report.py" line="287"/>
        <source>{inside} of them live within the {zones} zones; {outside} people ({count} homes, grid cells or areas) live outside every zone. The whole-area figures below count everyone scored, as the access score's own summary does; the zone figures count only the people within the zones.</source>
        <translation>Mae {inside} ohonynt yn byw o fewn y {zones} parth; mae {outside} o bobl ({count} o gartrefi, celloedd grid neu ardaloedd) yn byw y tu allan i bob parth. Mae'r ffigurau ardal gyfan isod yn cyfrif pawb a sgoriwyd, fel y mae crynodeb y sgôr mynediad ei hun; mae ffigurau'r parthau'n cyfrif y bobl o fewn y parthau yn unig.</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="296"/>
        <source>Every one of them lives within the {zones} zones, so the figures for the whole area and for the zones are the same.</source>
        <translation>Mae pob un ohonynt yn byw o fewn y {zones} parth, felly mae'r ffigurau ar gyfer yr ardal gyfan ac ar gyfer y parthau yr un fath.</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="304"/>
        <location filename="../core/report.py" line="393"/>
        <location filename="../core/report.py" line="424"/>
        <source>People</source>
        <translation>Pobl</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="305"/>
        <source>People near enough to the network to be scored</source>
        <translation>Pobl sy'n ddigon agos at y rhwydwaith i gael sgôr</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="308"/>
        <source>People in deserts ({rule})</source>
        <translation>Pobl mewn ardaloedd diffeithwch ({rule})</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="310"/>
        <source>Share of scored people in deserts (%)</source>
        <translation>Cyfran y bobl a sgoriwyd mewn diffeithdiroedd (%)</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="312"/>
        <source>Mean access score (0-100)</source>
        <translation>Sgôr mynediad gymedrig (0-100)</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="314"/>
        <source>Zones</source>
        <translation>Parthau</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="315"/>
        <location filename="../core/report.py" line="404"/>
        <source>Priority zones</source>
        <translation>Parthau blaenoriaeth</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="317"/>
        <source>Summary</source>
        <translation>Crynodeb</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="318"/>
        <source>Measure</source>
        <translation>Mesur</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="318"/>
        <source>Whole scored area</source>
        <translation>Yr ardal sgoriedig gyfan</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="318"/>
        <source>Within the zones</source>
        <translation>O fewn y parthau</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="325"/>
        <source>A person counts as within reach of a kind of asset when the walk from their home to the nearest one is within that kind's reach threshold, shown here as the access score recorded it (its K_limit field).</source>
        <translation>Mae person yn cyfrif fel o fewn cyrraedd math o ased pan fo'r daith gerdded o'i gartref i'r agosaf o fewn trothwy cyrraedd y math hwnnw, a ddangosir yma fel y'i cofnodwyd gan y sgôr mynediad (ei faes K_limit).</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="330"/>
        <source>A person counts as within reach of a kind of asset when the walk from their home to the nearest one is within that kind's reach threshold. The scored layer does not record its thresholds (it has no K_limit fields): make it again with "Multi-asset access score" to have them stated here.</source>
        <translation>Mae person yn cyfrif fel o fewn cyrraedd math o ased pan fo'r daith gerdded o'i gartref i'r agosaf o fewn trothwy cyrraedd y math hwnnw. Nid yw'r haen sgoriedig yn cofnodi ei throthwyon (nid oes ganddi feysydd K_limit): gwnewch hi eto gyda "Sgôr mynediad aml-ased" i'w datgan yma.</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="335"/>
        <source>The field column names the share's field in the area profile layer.</source>
        <translation>Mae'r golofn maes yn enwi maes y gyfran yn yr haen proffil ardal.</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="338"/>
        <source>Who can walk to each kind of asset</source>
        <translation>Pwy all gerdded i bob math o ased</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="339"/>
        <source>Kind of asset</source>
        <translation>Math o ased</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="339"/>
        <source>Reach threshold</source>
        <translation>Trothwy cyrraedd</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="339"/>
        <source>Field</source>
        <translation>Maes</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="340"/>
        <source>People within reach (whole area)</source>
        <translation>Pobl o fewn cyrraedd (ardal gyfan)</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="341"/>
        <source>Share of people, whole area (%)</source>
        <translation>Cyfran y bobl, ardal gyfan (%)</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="342"/>
        <source>Share of people, within the zones (%)</source>
        <translation>Cyfran y bobl, o fewn y parthau (%)</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="355"/>
        <source>Map of the zones and the deserts</source>
        <translation>Map o'r parthau a'r diffeithdiroedd</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="360"/>
        <source>Zones are outlined and named; deserts are filled, numbered by their rank in the table below.</source>
        <translation>Amlinellir ac enwir y parthau; llenwir y diffeithdiroedd, wedi'u rhifo yn ôl eu safle yn y tabl isod.</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="367"/>
        <source>Largest deserts</source>
        <translation>Yr ardaloedd diffeithwch mwyaf</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="367"/>
        <source>A desert is a contiguous area of people {rule}. Deserts: {count}. The largest by population come first. {note}</source>
        <translation>Diffeithwch yw ardal ddi-dor o bobl {rule}. Ardaloedd diffeithwch: {count}. Daw'r mwyaf o ran poblogaeth yn gyntaf. {note}</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="374"/>
        <source>This table and the zone tables count the same people: those of the scored homes, grid cells or areas that meet the desert rule, {listed} people in all.</source>
        <translation>Mae'r tabl hwn a thablau'r parthau yn cyfrif yr un bobl: rhai'r cartrefi, celloedd grid neu ardaloedd a sgoriwyd sy'n bodloni rheol y diffeithdir, {listed} o bobl i gyd.</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="379"/>
        <source>Both this table and the zone tables count the people of the scored homes, grid cells or areas that meet the desert rule. Here each desert counts all its people, wherever they are: {listed} people in all. The zone tables count only the people in deserts within each zone: {inside} people in all; the difference is the people of deserts outside every zone.</source>
        <translation>Mae'r tabl hwn a thablau'r parthau ill dau yn cyfrif pobl y cartrefi, celloedd grid neu ardaloedd a sgoriwyd sy'n bodloni rheol y diffeithdir. Yma mae pob diffeithdir yn cyfrif ei holl bobl, lle bynnag y bônt: {listed} o bobl i gyd. Mae tablau'r parthau'n cyfrif dim ond y bobl mewn diffeithdiroedd o fewn pob parth: {inside} o bobl i gyd; y gwahaniaeth yw pobl y diffeithdiroedd y tu allan i bob parth.</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="393"/>
        <source>Rank</source>
        <translation>Rhif trefn</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="393"/>
        <location filename="../core/report.py" line="424"/>
        <source>Zone</source>
        <translation>Parth</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="393"/>
        <source>Area (ha)</source>
        <translation>Arwynebedd (ha)</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="394"/>
        <source>Kinds missing (most often first)</source>
        <translation>Mathau ar goll (y rhai amlaf yn gyntaf)</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="394"/>
        <location filename="../core/report.py" line="428"/>
        <source>Mean score</source>
        <translation>Sgôr gymedrig</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="395"/>
        <source>outside the zones</source>
        <translation>y tu allan i'r parthau</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="406"/>
        <source>A zone is a priority when at least {share:g}% of its people live in deserts and its "{field}" value is {most:g} or lower (the most deprived). Zones without a "{field}" value are never priorities. Sorted by the people in deserts.</source>
        <translation>Mae parth yn flaenoriaeth pan fo o leiaf {share:g}% o'i bobl yn byw mewn ardaloedd diffeithwch a'i werth "{field}" yn {most:g} neu'n is (y mwyaf difreintiedig). Nid yw parthau heb werth "{field}" byth yn flaenoriaethau. Wedi'u trefnu yn ôl nifer y bobl mewn ardaloedd diffeithwch.</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="413"/>
        <source>No deprivation field was given, so no zone is flagged as a priority.</source>
        <translation>Ni roddwyd maes amddifadedd, felly nid oes parth wedi'i nodi'n flaenoriaeth.</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="418"/>
        <source>No zone meets the priority rule.</source>
        <translation>Nid oes parth yn bodloni'r rheol blaenoriaeth.</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="424"/>
        <source>People in deserts</source>
        <translation>Pobl mewn ardaloedd diffeithwch</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="425"/>
        <source>Share in deserts (%)</source>
        <translation>Cyfran mewn ardaloedd diffeithwch (%)</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="443"/>
        <source>Every zone</source>
        <translation>Pob parth</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="443"/>
        <source>Every zone, most people in deserts first. People in deserts are counted as in the summary's "within the zones" column.</source>
        <translation>Pob parth, y mwyaf o bobl mewn diffeithdiroedd yn gyntaf. Cyfrifir pobl mewn diffeithdiroedd fel yng ngholofn "o fewn y parthau" y crynodeb.</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="449"/>
        <source>Each home, grid cell or area is placed in the zone that holds it; a desert is listed under the zone that holds a point inside it.</source>
        <translation>Caiff pob cartref, cell grid neu ardal ei roi yn y parth sy'n ei ddal; rhestrir diffeithwch o dan y parth sy'n dal pwynt y tu mewn iddo.</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="451"/>
        <source>Shares and scores count only the people whose homes are near enough to the street and path network to be scored; the others are counted in the population only.</source>
        <translation>Dim ond y bobl y mae eu cartrefi'n ddigon agos at y rhwydwaith strydoedd a llwybrau i gael sgôr sy'n cyfrif yn y cyfrannau a'r sgorau; dim ond yn y boblogaeth y cyfrifir y lleill.</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="454"/>
        <source>People counts below 10 are shown as "&lt;10".</source>
        <translation>Dangosir niferoedd pobl o dan 10 fel "&lt;10".</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="457"/>
        <source>Homes, grid cells or areas of the scored layer that lie outside every zone, counted in the whole-area figures only: {count}.</source>
        <translation>Cartrefi, celloedd grid neu ardaloedd yr haen sgoriedig sydd y tu allan i bob parth, wedi'u cyfrif yn ffigurau'r ardal gyfan yn unig: {count}.</translation>
    </message>
    <message>
        <location filename="../core/report.py" line="463"/>
        <source>Notes</source>
        <translation>Nodiadau</translation>
    </message>
    <message>
        <location filename="../core/scenario.py" line="44"/>
        <source>ADD_KIND is empty: say which kind of asset the new sites (ADD_SITES) are, one of {kinds}.</source>
        <translation>Mae ADD_KIND yn wag: nodwch pa fath o ased yw'r safleoedd newydd (ADD_SITES), un o {kinds}.</translation>
    </message>
    <message>
        <location filename="../core/scenario.py" line="53"/>
        <source>ADD_KIND "{name}" is not one of the kinds of asset: give one of {kinds}.</source>
        <translation>Nid yw ADD_KIND "{name}" yn un o'r mathau o ased: rhowch un o {kinds}.</translation>
    </message>
    <message>
        <location filename="../core/slope.py" line="186"/>
        <source>SLOPE_FACTOR must be between 0 (slope ignored) and {largest:g} (1 is Tobler's hiking function); got {value}.</source>
        <translation>Rhaid i SLOPE_FACTOR fod rhwng 0 (anwybyddu'r llethr) a {largest:g} (1 yw ffwythiant cerdded Tobler); cafwyd {value}.</translation>
    </message>
    <message>
        <location filename="../core/thresholds.py" line="18"/>
        <source>minutes, e.g. "5, 10" or "10 mins"</source>
        <translation>munudau, e.e. "5, 10" neu "10 mins"</translation>
    </message>
    <message>
        <location filename="../core/thresholds.py" line="19"/>
        <source>metres, e.g. "400, 800" or "800 m"</source>
        <translation>metrau, e.e. "400, 800" neu "800 m"</translation>
    </message>
    <message>
        <location filename="../core/thresholds.py" line="32"/>
        <source>{what} is empty: give one or more numbers in {expected}.</source>
        <translation>Mae {what} yn wag: rhowch un rhif neu fwy mewn {expected}.</translation>
    </message>
    <message>
        <location filename="../core/thresholds.py" line="39"/>
        <source>{what} "{text}" has an empty item: give numbers separated by single commas, in {expected}.</source>
        <translation>Mae eitem wag yn {what} "{text}": rhowch rifau wedi'u gwahanu gan un coma, mewn {expected}.</translation>
    </message>
    <message>
        <location filename="../core/thresholds.py" line="44"/>
        <source>{what} "{text}": "{item}" is not a number. Expected {expected}.</source>
        <translation>{what} "{text}": nid yw "{item}" yn rhif. Disgwylid {expected}.</translation>
    </message>
    <message>
        <location filename="../core/thresholds.py" line="52"/>
        <source>{what} "{text}" is given in "{unit}", but the cost type asks for {expected}.</source>
        <translation>Rhoddwyd {what} "{text}" mewn "{unit}", ond mae'r math o gost yn gofyn am {expected}.</translation>
    </message>
    <message>
        <location filename="../core/thresholds.py" line="57"/>
        <source>{what} "{text}": "{unit}" is not a unit of {expected}.</source>
        <translation>{what} "{text}": nid yw "{unit}" yn uned ar gyfer {expected}.</translation>
    </message>
    <message>
        <location filename="../core/thresholds.py" line="64"/>
        <source>{what} "{text}": {value} is too large. Expected {expected}.</source>
        <translation>{what} "{text}": mae {value} yn rhy fawr. Disgwylid {expected}.</translation>
    </message>
    <message>
        <location filename="../core/thresholds.py" line="69"/>
        <source>{what} "{text}": {value} is not above zero. Expected {expected}.</source>
        <translation>{what} "{text}": nid yw {value} yn uwch na sero. Disgwylid {expected}.</translation>
    </message>
    <message>
        <location filename="../core/thresholds.py" line="86"/>
        <source>WEIGHTS "{text}": "{item}" is not a number.</source>
        <translation>WEIGHTS "{text}": nid yw "{item}" yn rhif.</translation>
    </message>
    <message>
        <location filename="../core/thresholds.py" line="90"/>
        <source>WEIGHTS "{text}" must be zero or more, and not all zero.</source>
        <translation>Rhaid i WEIGHTS "{text}" fod yn sero neu fwy, a heb fod i gyd yn sero.</translation>
    </message>
    <message>
        <location filename="../core/thresholds.py" line="101"/>
        <source>{what} gives values: {given}; asset layers: {count}. Give one value for all, or one per layer in order.</source>
        <translation>Gwerthoedd a roddir gan {what}: {given}; haenau asedau: {count}. Rhowch un gwerth ar gyfer y cyfan, neu un ar gyfer pob haen yn eu trefn.</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="72"/>
        <source>On Windows, open the OSGeo4W Shell (Start menu, QGIS folder) and run: python -m pip install {names} - or install the qpip plugin, which reads this plugin's requirements.txt. Then restart QGIS.</source>
        <translation>Ar Windows, agorwch OSGeo4W Shell (dewislen Start, ffolder QGIS) a rhedeg: python -m pip install {names} - neu gosodwch yr ategyn qpip, sy'n darllen requirements.txt yr ategyn hwn. Yna ailgychwynnwch QGIS.</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="76"/>
        <source>On macOS, run QGIS's own pip in Terminal, for example: /Applications/QGIS.app/Contents/MacOS/bin/python3 -m pip install {names} (use the name of your QGIS application, e.g. QGIS-LTR.app) - or install the qpip plugin, which reads this plugin's requirements.txt. Then restart QGIS.</source>
        <translation>Ar macOS, rhedwch pip QGIS ei hun yn Terminal, er enghraifft: /Applications/QGIS.app/Contents/MacOS/bin/python3 -m pip install {names} (defnyddiwch enw eich rhaglen QGIS, e.e. QGIS-LTR.app) - neu gosodwch yr ategyn qpip, sy'n darllen requirements.txt yr ategyn hwn. Yna ailgychwynnwch QGIS.</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="82"/>
        <source>On Debian or Ubuntu run: sudo apt install {packages} - elsewhere install {names} for the Python that QGIS uses. Then restart QGIS.</source>
        <translation>Ar Debian neu Ubuntu, rhedwch: sudo apt install {packages} - ar systemau eraill, gosodwch {names} ar gyfer y Python y mae QGIS yn ei ddefnyddio. Yna ailgychwynnwch QGIS.</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="118"/>
        <source>{plugin} needs the Python packages {names}, which QGIS's Python cannot import; its tools are not loaded.</source>
        <translation>Mae angen y pecynnau Python {names} ar {plugin}, ond ni all Python QGIS eu mewnforio; nid yw ei offer wedi'u llwytho.</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="125"/>
        <location filename="../plugin.py" line="153"/>
        <location filename="../plugin.py" line="162"/>
        <location filename="../plugin.py" line="209"/>
        <location filename="../plugin.py" line="214"/>
        <location filename="../ui/analysis_run.py" line="505"/>
        <source>Community Asset Gaps</source>
        <translation>Bylchau Asedau Cymunedol</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="146"/>
        <source>Community Asset Gaps…</source>
        <translation>Bylchau Asedau Cymunedol…</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="149"/>
        <source>Find where people cannot walk to the places a community needs</source>
        <translation>Canfod lle na all pobl gerdded i'r mannau sydd eu hangen ar gymuned</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="155"/>
        <source>Community Asset Gaps: what if…</source>
        <translation>Bylchau Asedau Cymunedol: beth os…</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="158"/>
        <source>What do people lose if assets close, or gain if new ones are built?</source>
        <translation>Beth mae pobl yn ei golli os bydd asedau'n cau, neu'n ei ennill os caiff rhai newydd eu hadeiladu?</translation>
    </message>
    <message>
        <location filename="../ui/analysis_run.py" line="293"/>
        <source>Cancelling…</source>
        <translation>Yn canslo…</translation>
    </message>
    <message>
        <location filename="../ui/analysis_run.py" line="309"/>
        <source>The algorithm {id} is not available: is the plugin's Processing provider loaded?</source>
        <translation>Nid yw'r algorithm {id} ar gael: a yw darparwr Prosesu'r ategyn wedi'i lwytho?</translation>
    </message>
    <message>
        <location filename="../ui/analysis_run.py" line="313"/>
        <source>Step {number} of {count}: {title}</source>
        <translation>Cam {number} o {count}: {title}</translation>
    </message>
    <message>
        <location filename="../ui/analysis_run.py" line="320"/>
        <source>Community asset gaps: {title}</source>
        <translation>Bylchau asedau cymunedol: {title}</translation>
    </message>
    <message>
        <location filename="../ui/analysis_run.py" line="357"/>
        <source>Cancelled: nothing was added to the project.</source>
        <translation>Wedi'i ganslo: ni ychwanegwyd dim at y prosiect.</translation>
    </message>
    <message>
        <location filename="../ui/analysis_run.py" line="361"/>
        <source>see the log for details</source>
        <translation>gweler y log am fanylion</translation>
    </message>
    <message>
        <location filename="../ui/analysis_run.py" line="362"/>
        <source>{title} failed: {error}</source>
        <translation>Methodd {title}: {error}</translation>
    </message>
    <message>
        <location filename="../ui/analysis_run.py" line="394"/>
        <source>The output "{title}" could not be opened ({value}).</source>
        <translation>Nid oedd modd agor yr allbwn "{title}" ({value}).</translation>
    </message>
    <message>
        <location filename="../ui/analysis_run.py" line="410"/>
        <source>Report: {path}</source>
        <translation>Adroddiad: {path}</translation>
    </message>
    <message>
        <location filename="../ui/analysis_run.py" line="415"/>
        <source>Done. Deserts found: {count}. The results are in the layer group "{group}".</source>
        <translation>Wedi gorffen. Ardaloedd diffeithwch a ganfuwyd: {count}. Mae'r canlyniadau yn y grŵp haenau "{group}".</translation>
    </message>
    <message>
        <location filename="../ui/analysis_run.py" line="460"/>
        <source>Warning: </source>
        <translation>Rhybudd: </translation>
    </message>
    <message>
        <location filename="../ui/analysis_run.py" line="460"/>
        <source>Error: </source>
        <translation>Gwall: </translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.py" line="119"/>
        <source>4.8 km/h: average adult</source>
        <translation>4.8 km/awr: oedolyn cyffredin</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.py" line="120"/>
        <source>3.2 km/h: slower walker</source>
        <translation>3.2 km/awr: cerddwr arafach</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.py" line="130"/>
        <source>At one point inside them</source>
        <translation>Mewn un pwynt y tu mewn iddynt</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.py" line="142"/>
        <source>Folder for the results</source>
        <translation>Ffolder ar gyfer y canlyniadau</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.py" line="148"/>
        <source>Run</source>
        <translation>Rhedeg</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.py" line="149"/>
        <source>Run the analysis in the background.</source>
        <translation>Rhedeg y dadansoddiad yn y cefndir.</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.py" line="151"/>
        <location filename="../ui/scenario_dialog.py" line="184"/>
        <source>Cancel</source>
        <translation>Canslo</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.py" line="152"/>
        <location filename="../ui/scenario_dialog.py" line="186"/>
        <source>Stop the analysis that is running.</source>
        <translation>Atal y dadansoddiad sy'n rhedeg.</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.py" line="222"/>
        <source>One layer per kind of asset; the kind is named after the layer.</source>
        <translation>Un haen ar gyfer pob math o ased; caiff y math ei enwi ar ôl yr haen.</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.py" line="228"/>
        <location filename="../ui/scenario_dialog.py" line="180"/>
        <source> min</source>
        <translation> mun</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.py" line="229"/>
        <source>People within this many minutes' walk can reach this kind.</source>
        <translation>Gall pobl sydd o fewn y nifer hwn o funudau o gerdded gyrraedd y math hwn.</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.py" line="238"/>
        <source>How much this kind counts in the score (1 = as much as the others).</source>
        <translation>Faint mae'r math hwn yn cyfrif yn y sgôr (1 = cymaint â'r lleill).</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.py" line="278"/>
        <source>No layer of the project has the name of a kind the St Helens study used.</source>
        <translation>Nid oes gan unrhyw haen yn y prosiect enw math a ddefnyddiwyd gan astudiaeth St Helens.</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.py" line="396"/>
        <source>{speed:g} km/h</source>
        <translation>{speed:g} km/awr</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.py" line="408"/>
        <source>Choose the street and path network (step 1).</source>
        <translation>Dewiswch y rhwydwaith strydoedd a llwybrau (cam 1).</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.py" line="411"/>
        <source>The network filter is not a valid expression (step 1).</source>
        <translation>Nid yw hidlydd y rhwydwaith yn fynegiad dilys (cam 1).</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.py" line="414"/>
        <source>Add at least one asset layer (step 2).</source>
        <translation>Ychwanegwch o leiaf un haen asedau (cam 2).</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.py" line="418"/>
        <source>The layer "{name}" is listed twice (step 2).</source>
        <translation>Mae'r haen "{name}" wedi'i rhestru ddwywaith (cam 2).</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.py" line="422"/>
        <source>Kinds a desert must miss: {count}, more than the kinds listed: {kinds}. Lower the number (step 5) or add asset layers.</source>
        <translation>Mathau y mae'n rhaid i ddiffeithwch fod hebddynt: {count}, mwy na'r mathau a restrwyd: {kinds}. Gostyngwch y rhif (cam 5) neu ychwanegwch haenau asedau.</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.py" line="426"/>
        <source>Choose where people live (step 3).</source>
        <translation>Dewiswch lle mae pobl yn byw (cam 3).</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.py" line="430"/>
        <source>Choose an existing folder for the results, or temporary layers (step 6).</source>
        <translation>Dewiswch ffolder sy'n bodoli ar gyfer y canlyniadau, neu haenau dros dro (cam 6).</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.py" line="476"/>
        <source>Community asset gaps — {time}</source>
        <translation>Bylchau asedau cymunedol — {time}</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.py" line="482"/>
        <source>Step-free routes need OpenStreetMap highway tags to tell steps and lifts apart; the network "{name}" has no highway field, so nothing is left out for being stepped.</source>
        <translation>Mae llwybrau heb risiau angen tagiau highway OpenStreetMap i wahaniaethu rhwng grisiau a lifftiau; nid oes maes highway yn y rhwydwaith "{name}", felly ni chaiff dim ei adael allan am fod â grisiau.</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.py" line="498"/>
        <location filename="../ui/scenario_dialog.py" line="384"/>
        <source>Running: {step}…</source>
        <translation>Yn rhedeg: {step}…</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.py" line="70"/>
        <source>{kind}: {count} people lose walking access ({before} → {after}).</source>
        <translation>{kind}: mae {count} o bobl yn colli mynediad cerdded ({before} → {after}).</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.py" line="71"/>
        <source>{kind}: {count} places lose walking access ({before} → {after}).</source>
        <translation>{kind}: mae {count} o leoedd yn colli mynediad cerdded ({before} → {after}).</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.py" line="74"/>
        <source>{kind}: {count} people gain walking access ({before} → {after}).</source>
        <translation>{kind}: mae {count} o bobl yn ennill mynediad cerdded ({before} → {after}).</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.py" line="75"/>
        <source>{kind}: {count} places gain walking access ({before} → {after}).</source>
        <translation>{kind}: mae {count} o leoedd yn ennill mynediad cerdded ({before} → {after}).</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.py" line="78"/>
        <source>{kind}: no change ({before} people within reach).</source>
        <translation>{kind}: dim newid ({before} o bobl o fewn cyrraedd).</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.py" line="79"/>
        <source>{kind}: no change ({before} places within reach).</source>
        <translation>{kind}: dim newid ({before} o leoedd o fewn cyrraedd).</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.py" line="88"/>
        <source>{name} (feature {fid})</source>
        <translation>{name} (nodwedd {fid})</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.py" line="89"/>
        <source>feature {fid}</source>
        <translation>nodwedd {fid}</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.py" line="90"/>
        <source>{rank}. {place}: {gain} more people within {minutes} minutes' walk ({total} in all)</source>
        <translation>{rank}. {place}: {gain} yn fwy o bobl o fewn {minutes} munud o gerdded ({total} i gyd)</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.py" line="92"/>
        <source>{rank}. {place}: {gain} more places within {minutes} minutes' walk ({total} in all)</source>
        <translation>{rank}. {place}: {gain} yn fwy o leoedd o fewn {minutes} munud o gerdded ({total} i gyd)</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.py" line="101"/>
        <source>None of the {count} sites of "{candidates}" brings anyone new within {minutes} minutes' walk of {kind}: the people near them can already walk to one, or no one lives near them. Try fewer minutes, or other candidates.</source>
        <translation>Nid yw'r un o'r {count} safle yn "{candidates}" yn dod ag unrhyw un newydd o fewn {minutes} munud o gerdded i {kind}: gall y bobl yn eu hymyl gerdded i un yn barod, neu nid oes neb yn byw yn eu hymyl. Rhowch gynnig ar lai o funudau, neu ymgeiswyr eraill.</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.py" line="105"/>
        <source>None of the {count} sites of "{candidates}" brings any new place within {minutes} minutes' walk of {kind}: the places near them can already walk to one, or there are none near them. Try fewer minutes, or other candidates.</source>
        <translation>Nid yw'r un o'r {count} safle yn "{candidates}" yn dod ag unrhyw le newydd o fewn {minutes} munud o gerdded i {kind}: gall y lleoedd yn eu hymyl gerdded i un yn barod, neu nid oes rhai yn eu hymyl. Rhowch gynnig ar lai o funudau, neu ymgeiswyr eraill.</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.py" line="138"/>
        <source>Done. The results are in the layer group "{group}".</source>
        <translation>Wedi gorffen. Mae'r canlyniadau yn y grŵp haenau "{group}".</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.py" line="242"/>
        <source>Nothing closes.</source>
        <translation>Nid oes dim yn cau.</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.py" line="245"/>
        <source>Selected features of "{layer}" that close: {count}.</source>
        <translation>Nodweddion a ddewiswyd o "{layer}" sy'n cau: {count}.</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.py" line="259"/>
        <source>"{layer}" is not one of the asset layers of the Community Asset Gaps dialog: add it there, or choose another layer to close.</source>
        <translation>Nid yw "{layer}" yn un o haenau asedau deialog Bylchau Asedau Cymunedol: ychwanegwch hi yno, neu dewiswch haen arall i'w chau.</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.py" line="263"/>
        <source>Select the features of "{layer}" that close.</source>
        <translation>Dewiswch nodweddion "{layer}" sy'n cau.</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.py" line="266"/>
        <source>Choose the kind of the new sites.</source>
        <translation>Dewiswch fath y safleoedd newydd.</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.py" line="268"/>
        <source>Choose what closes, what is built, or both.</source>
        <translation>Dewiswch beth sy'n cau, beth sy'n cael ei adeiladu, neu'r ddau.</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.py" line="298"/>
        <location filename="../ui/scenario_dialog.py" line="317"/>
        <source>What if…</source>
        <translation>Beth os…</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.py" line="301"/>
        <source>What if: who gains or loses</source>
        <translation>Beth os: pwy sy'n ennill neu'n colli</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.py" line="303"/>
        <source>What if: summary</source>
        <translation>Beth os: crynodeb</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.py" line="324"/>
        <source>Choose the kind of asset to place.</source>
        <translation>Dewiswch y math o ased i'w leoli.</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.py" line="326"/>
        <source>Choose the layer of candidate sites.</source>
        <translation>Dewiswch haen y safleoedd posibl.</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.py" line="358"/>
        <source>Best new sites: {kind}</source>
        <translation>Y safleoedd newydd gorau: {kind}</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.py" line="377"/>
        <source>Community asset gaps — what if… {time}</source>
        <translation>Bylchau asedau cymunedol — beth os… {time}</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.py" line="406"/>
        <source>In deserts: {before} → {after} people.</source>
        <translation>Mewn ardaloedd diffeithwch: {before} → {after} o bobl.</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.py" line="407"/>
        <source>In deserts: {before} → {after} places.</source>
        <translation>Mewn ardaloedd diffeithwch: {before} → {after} o leoedd.</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.py" line="411"/>
        <source>What changes:</source>
        <translation>Beth sy'n newid:</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.py" line="429"/>
        <source>Where the next of "{kind}" should go, among "{layer}":</source>
        <translation>Ble dylai'r "{kind}" nesaf fynd, ymhlith "{layer}":</translation>
    </message>
    <message>
        <source>The origins with, per kind K, K_cost, K_share (% of the origin's people within reach) and K_ok (1 when K_share is at least 50); then status, n_reached, n_missing, missing and score (0-100).</source>
        <translation type="obsolete">Y mannau cychwyn gyda, ar gyfer pob math K, K_cost, K_share (% o bobl y man cychwyn o fewn cyrraedd) a K_ok (1 pan fo K_share yn 50 o leiaf); yna status, n_reached, n_missing, missing a score (0-100).</translation>
    </message>
    <message>
        <source>Sums the scored origins of "Multi-asset access score" by zone (wards, LSOAs): the population, the share of people within reach of each kind of asset, the people living in deserts and their share, and the mean score.

An origin belongs to the zone holding its point (a polygon origin's point on its surface, so give zones its polygons nest in). The share of people within reach counts each origin's people by its share within reach (K_share) when the scores have it: an LSOA judged by area, 30% within reach, adds 30% of its people. Unreached origins (off the network) count in the population but not in the shares, the desert population or the score. Without a population field every origin counts as one person.

A zone is a priority when at least the given share of its people live in deserts and its deprivation value is at or below the 'most deprived' value (IMD deciles 1 to 3 by default); a zone without a deprivation value never is.

The optional report is plain HTML for a committee paper: a summary, coverage by kind, the largest deserts and the priority zones. People counts below 10 are shown as "&lt;10".</source>
        <translation type="obsolete">Yn crynhoi mannau cychwyn sgoredig "Sgôr mynediad aml-ased" fesul parth (wardiau, LSOAs): y boblogaeth, cyfran y bobl sydd o fewn cyrraedd i bob math o ased, y bobl sy'n byw mewn ardaloedd diffeithwch a'u cyfran, a'r sgôr gymedrig.

Mae man cychwyn yn perthyn i'r parth sy'n dal ei bwynt (i fan cychwyn polygon, ei bwynt ar ei arwyneb, felly rhowch barthau y mae ei bolygonau'n nythu ynddynt). Mae cyfran y bobl o fewn cyrraedd yn cyfrif pobl pob man cychwyn yn ôl ei gyfran o fewn cyrraedd (K_share) pan fo gan y sgorau hi: mae LSOA a farnwyd yn ôl arwynebedd, 30% o fewn cyrraedd, yn ychwanegu 30% o'i bobl. Mae mannau cychwyn heb eu cyrraedd (oddi ar y rhwydwaith) yn cyfrif yn y boblogaeth ond nid yn y cyfrannau, poblogaeth yr ardaloedd diffeithwch na'r sgôr. Heb faes poblogaeth, mae pob man cychwyn yn cyfrif fel un person.

Mae parth yn flaenoriaeth pan fo o leiaf y gyfran a roddir o'i bobl yn byw mewn ardaloedd diffeithwch a'i werth amddifadedd ar y gwerth 'mwyaf difreintiedig' neu'n is (degraddau IMD 1 i 3 yn ddiofyn); nid yw parth heb werth amddifadedd byth yn flaenoriaeth.

HTML plaen ar gyfer papur pwyllgor yw'r adroddiad dewisol: crynodeb, y ddarpariaeth fesul math, yr ardaloedd diffeithwch mwyaf a'r parthau blaenoriaeth. Dangosir niferoedd pobl o dan 10 fel "&lt;10".</translation>
    </message>
    <message>
        <source>  {rank}. feature id {fid}: +{gain:,.0f} {what} (total +{cum:,.0f})</source>
        <translation type="obsolete">  {rank}. id nodwedd {fid}: +{gain:,.0f} ({what}), cyfanswm +{cum:,.0f}</translation>
    </message>
    <message>
        <source>The whole St Helens-style analysis in one run: walking catchments around one kind of asset for the map, the access score of every origin over all the asset layers, the social infrastructure deserts, and the area profile of the zones with its report.

Each step is one of this provider's algorithms with its defaults; open the model in the graphical modeller (resources/models/community_asset_gaps.model3 in the plugin folder) to change anything else.</source>
        <translation type="obsolete">Y dadansoddiad cyfan yn null St Helens mewn un rhediad: dalgylchoedd cerdded o amgylch un math o ased ar gyfer y map, sgôr mynediad pob man cychwyn dros yr holl haenau asedau, yr ardaloedd diffeithwch seilwaith cymdeithasol, a phroffil ardal y parthau gyda'i adroddiad.

Mae pob cam yn un o algorithmau'r darparwr hwn gyda'i werthoedd diofyn; agorwch y model yn y modelydd graffigol (resources/models/community_asset_gaps.model3 yn ffolder yr ategyn) i newid unrhyw beth arall.</translation>
    </message>
    <message>
        <source>One value for every kind, or one per asset layer in order (St Helens: 10 for play areas and retail centres, 20 for the rest).</source>
        <translation type="obsolete">Un gwerth ar gyfer pob math, neu un ar gyfer pob haen asedau yn eu trefn (St Helens: 10 ar gyfer ardaloedd chwarae a chanolfannau manwerthu, 20 ar gyfer y gweddill).</translation>
    </message>
    <message>
        <source>The areas to profile; without zones of your own, give the origins again.</source>
        <translation type="obsolete">Yr ardaloedd i'w proffilio; os nad oes gennych eich parthau eich hun, rhowch y mannau cychwyn eto.</translation>
    </message>
    <message>
        <source>Reach threshold per kind</source>
        <translation type="obsolete">Trothwy cyrraedd ar gyfer pob math</translation>
    </message>
    <message>
        <source>One value for every kind, or one per asset layer in order, in minutes or metres (see the cost type).</source>
        <translation type="obsolete">Un gwerth ar gyfer pob math, neu un ar gyfer pob haen asedau yn eu trefn, mewn munudau neu fetrau (gweler y math o gost).</translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="obsolete">Gwerth</translation>
    </message>
    <message>
        <source>People in the zones</source>
        <translation type="obsolete">Pobl yn y parthau</translation>
    </message>
    <message>
        <source>Share of people in deserts (%)</source>
        <translation type="obsolete">Cyfran y bobl mewn ardaloedd diffeithwch (%)</translation>
    </message>
    <message>
        <source>A person counts as within reach of a kind of asset when the walk from their home to the nearest one is within its reach threshold: the walking time (or distance) set for that kind when the access scores were made. The scored layer does not record those thresholds, so this report cannot show them. The field column names the share's field in the area profile layer.</source>
        <translation type="obsolete">Mae person o fewn cyrraedd math o ased pan fo'r daith gerdded o'i gartref i'r un agosaf o fewn ei drothwy cyrraedd: yr amser cerdded (neu'r pellter) a osodwyd ar gyfer y math hwnnw pan wnaed y sgorau mynediad. Nid yw'r haen sgoredig yn cofnodi'r trothwyon hynny, felly ni all yr adroddiad hwn eu dangos. Mae'r golofn maes yn enwi maes y gyfran yn haen y proffil ardal.</translation>
    </message>
    <message>
        <source>People within its reach threshold</source>
        <translation type="obsolete">Pobl o fewn ei drothwy cyrraedd</translation>
    </message>
    <message>
        <source>Share of people (%)</source>
        <translation type="obsolete">Cyfran y bobl (%)</translation>
    </message>
    <message>
        <source>Homes, grid cells or areas of the scored layer that lie outside every zone and are left out: {count}.</source>
        <translation type="obsolete">Cartrefi, celloedd grid neu ardaloedd o'r haen sgoredig sydd y tu allan i bob parth ac a adawyd allan: {count}.</translation>
    </message>
    <message>
        <source>{rank}. feature {fid}: {gain} more people within {minutes} minutes' walk ({total} in all)</source>
        <translation type="obsolete">{rank}. nodwedd {fid}: {gain} yn fwy o bobl o fewn {minutes} munud o gerdded ({total} i gyd)</translation>
    </message>
    <message>
        <source>{rank}. feature {fid}: {gain} more places within {minutes} minutes' walk ({total} in all)</source>
        <translation type="obsolete">{rank}. nodwedd {fid}: {gain} yn fwy o leoedd o fewn {minutes} munud o gerdded ({total} i gyd)</translation>
    </message>
    <message>
        <source>Run the what-if in the background.</source>
        <translation type="obsolete">Rhedeg y senario beth os yn y cefndir.</translation>
    </message>
    <message>
        <source>{count} selected features of "{layer}" close.</source>
        <translation type="obsolete">Mae {count} o nodweddion a ddewiswyd o "{layer}" yn cau.</translation>
    </message>
    <message>
        <source>No candidate brings anyone new within {minutes} minutes' walk.</source>
        <translation type="obsolete">Nid oes safle posibl yn dod ag unrhyw un newydd o fewn {minutes} munud o gerdded.</translation>
    </message>
    <message>
        <source>Compares access before and after a change: assets that close (REMOVE, an expression evaluated on every asset layer) and new sites that open (ADD_SITES, of the kind ADD_KIND).

The summary table has one row per kind: the people within reach of that kind before and after and the change (negative is a loss), and, the same on every row, the people living in deserts (places missing at least MIN_MISSING kinds) and the people-weighted mean score before and after.

The origins output gives, per kind, K_ok_before and K_ok_after (1/0) and 'change': 'lost' when the origin loses reach of any kind, 'gained' when it gains reach of a kind and loses none, 'same' otherwise. Origins off the network (status 'unreached') have NULL results and are left out of every total.

Polygon origins are judged as in the access score: by default by the share of their area within each kind's catchment, so that the people within reach count by that share and K_ok is 1 when at least half of them are within reach.

A layer on which REMOVE cannot be evaluated (it lacks a field the expression names) keeps all its assets, and the log says so. With ZONES, the optional zones output gives the same figures per zone.

Only the kinds that change are searched again; new sites alone are one search of their own, combined with the existing assets.</source>
        <translation type="obsolete">Yn cymharu mynediad cyn ac ar ôl newid: asedau sy'n cau (REMOVE, mynegiad a werthusir ar bob haen asedau) a safleoedd newydd sy'n agor (ADD_SITES, o'r math ADD_KIND).

Mae gan y tabl crynodeb un rhes ar gyfer pob math: y bobl o fewn cyrraedd i'r math hwnnw cyn ac ar ôl, a'r newid (colled yw gwerth negatif), ac, yr un fath ar bob rhes, y bobl sy'n byw mewn ardaloedd diffeithwch (lleoedd lle mae o leiaf MIN_MISSING math ar goll) a'r sgôr gymedrig wedi'i phwysoli yn ôl pobl, cyn ac ar ôl.

Mae allbwn y mannau cychwyn yn rhoi K_ok_before a K_ok_after (1/0) ar gyfer pob math, a 'change': 'lost' pan fydd y man cychwyn yn colli cyrraedd i unrhyw fath, 'gained' pan fydd yn ennill cyrraedd i fath heb golli'r un, 'same' fel arall. Mae gan fannau cychwyn oddi ar y rhwydwaith (statws 'unreached') ganlyniadau NULL, ac fe'u gadewir allan o bob cyfanswm.

Caiff mannau cychwyn polygon eu barnu fel yn y sgôr mynediad: yn ddiofyn yn ôl cyfran eu harwynebedd o fewn dalgylch pob math, fel bod y bobl o fewn cyrraedd yn cyfrif yn ôl y gyfran honno a bod K_ok yn 1 pan fo o leiaf hanner ohonynt o fewn cyrraedd.

Mae haen lle nad oes modd gwerthuso REMOVE (nid oes ganddi faes a enwir gan y mynegiad) yn cadw ei holl asedau, ac mae'r log yn dweud hynny. Gyda ZONES, mae allbwn dewisol y parthau'n rhoi'r un ffigurau ar gyfer pob parth.

Dim ond y mathau sy'n newid a chwilir eto; mae safleoedd newydd ar eu pen eu hunain yn un chwiliad ar wahân, wedi'i gyfuno â'r asedau presennol.</translation>
    </message>
    <message>
        <source>The origins with K_ok_before and K_ok_after per kind K, status, n_missing_before, n_missing_after, score_before, score_after and change ('gained', 'lost', 'same'); styled by change.</source>
        <translation type="obsolete">Y mannau cychwyn gyda K_ok_before a K_ok_after ar gyfer pob math K, status, n_missing_before, n_missing_after, score_before, score_after a change ('gained', 'lost', 'same'); wedi'u steilio yn ôl y newid.</translation>
    </message>
    <message>
        <source>For every origin (home, grid cell, LSOA), the walking cost to the nearest asset of each kind, whether it is within that kind's threshold, how many kinds it reaches and a 0-100 score (weighted share of kinds reached).

Each kind is one search over the network from all its assets at once. An origin farther than the snap distance from the network gets status 'unreached' and NULL results. A kind is costed up to three times its threshold; beyond that its cost is NULL.

The optional surface overlays every kind's catchment.</source>
        <translation type="obsolete">Ar gyfer pob man cychwyn (cartref, cell grid, LSOA): cost y daith gerdded i'r ased agosaf o bob math, a yw o fewn trothwy'r math hwnnw, faint o fathau y mae'n eu cyrraedd, a sgôr 0-100 (cyfran bwysoledig y mathau a gyrhaeddir).

Mae pob math yn un chwiliad dros y rhwydwaith o'i holl asedau ar unwaith. Mae man cychwyn sy'n bellach o'r rhwydwaith na'r pellter cysylltu yn cael y statws 'unreached' a chanlyniadau NULL. Cyfrifir cost math hyd at dair gwaith ei drothwy; y tu hwnt i hynny, NULL yw ei gost.

Mae'r arwyneb dewisol yn troshaenu dalgylch pob math.</translation>
    </message>
    <message>
        <source>For the surface: how far either side of a reachable street counts.</source>
        <translation type="obsolete">Ar gyfer yr arwyneb: pa mor bell bob ochr i stryd o fewn cyrraedd sy'n cyfrif.</translation>
    </message>
    <message>
        <source>The origins with, per kind K, K_cost and K_ok; then status, n_reached, n_missing, missing and score (0-100).</source>
        <translation type="obsolete">Y mannau cychwyn gyda K_cost a K_ok ar gyfer pob math K; yna status, n_reached, n_missing, missing a score (0-100).</translation>
    </message>
    <message>
        <source>The overlay of every kind's catchment: pieces with n_reached, reached and missing.</source>
        <translation type="obsolete">Troshaen dalgylch pob math: darnau gyda n_reached, reached a missing.</translation>
    </message>
    <message>
        <source>Sums the scored origins of "Multi-asset access score" by zone (wards, LSOAs): the population, the share of people within reach of each kind of asset, the people living in deserts and their share, and the mean score.

An origin belongs to the zone holding its point (a polygon origin's point on its surface). Unreached origins (off the network) count in the population but not in the shares, the desert population or the score. Without a population field every origin counts as one person.

A zone is a priority when at least the given share of its people live in deserts and its deprivation value is at or below the 'most deprived' value (IMD deciles 1 to 3 by default); a zone without a deprivation value never is.

The optional report is plain HTML for a committee paper: a summary, coverage by kind, the largest deserts and the priority zones. People counts below 10 are shown as "&lt;10".</source>
        <translation type="obsolete">Yn crynhoi mannau cychwyn sgoredig "Sgôr mynediad aml-ased" fesul parth (wardiau, LSOAs): y boblogaeth, cyfran y bobl sydd o fewn cyrraedd i bob math o ased, y bobl sy'n byw mewn ardaloedd diffeithwch a'u cyfran, a'r sgôr gymedrig.

Mae man cychwyn yn perthyn i'r parth sy'n dal ei bwynt (i fan cychwyn polygon, ei bwynt ar ei arwyneb). Mae mannau cychwyn heb eu cyrraedd (oddi ar y rhwydwaith) yn cyfrif yn y boblogaeth ond nid yn y cyfrannau, poblogaeth yr ardaloedd diffeithwch na'r sgôr. Heb faes poblogaeth, mae pob man cychwyn yn cyfrif fel un person.

Mae parth yn flaenoriaeth pan fo o leiaf y gyfran a roddir o'i bobl yn byw mewn ardaloedd diffeithwch a'i werth amddifadedd ar y gwerth 'mwyaf difreintiedig' neu'n is (degraddau IMD 1 i 3 yn ddiofyn); nid yw parth heb werth amddifadedd byth yn flaenoriaeth.

HTML plaen ar gyfer papur pwyllgor yw'r adroddiad dewisol: crynodeb, y ddarpariaeth fesul math, yr ardaloedd diffeithwch mwyaf a'r parthau blaenoriaeth. Dangosir niferoedd pobl o dan 10 fel "&lt;10".</translation>
    </message>
    <message>
        <source>OUTPUT_HTML: the folder "{folder}" does not exist: give a file in an existing folder.</source>
        <translation type="obsolete">OUTPUT_HTML: nid yw'r ffolder "{folder}" yn bodoli: rhowch ffeil mewn ffolder sy'n bodoli.</translation>
    </message>
    <message>
        <source>{zones} zones; {empty} hold no origins (population 0, shares NULL); {outside} origins lie outside every zone.</source>
        <translation type="obsolete">{zones} o barthau; nid oes mannau cychwyn yn {empty} ohonynt (poblogaeth 0, cyfrannau NULL); mae {outside} o fannau cychwyn y tu allan i bob parth.</translation>
    </message>
    <message>
        <source>{count} zones have no number in "{field}": they are never priorities.</source>
        <translation type="obsolete">Nid oes rhif yn "{field}" gan {count} o barthau: nid ydynt byth yn flaenoriaethau.</translation>
    </message>
    <message>
        <source>Only {count} of {wanted} sites chosen: no other candidate brings anyone new within reach.</source>
        <translation type="obsolete">Dim ond {count} o'r {wanted} safle a ddewiswyd: nid oes safle posibl arall yn dod ag unrhyw un newydd o fewn cyrraedd.</translation>
    </message>
    <message>
        <source>Finds the populated places that cannot walk to several kinds of asset, from the output of "Multi-asset access score" (scored origins, or the access surface), and dissolves them into contiguous deserts.

A place is in a desert when it misses at least the given number of kinds and holds at least the given number of people. Unreached origins (off the network) never are. A point origin stands for a square cell centred on it; polygon origins are used as they are.

Each desert gets its area, its population (the sum over the places it holds), the kinds missing (most often missing first), the mean score (weighted by population when a population field is given) and a rank: 1 is the desert with the most people (the largest without a population field); ties go to the larger area.

With a residential mask the deserts are clipped to it, and only places whose point lies in the mask count, with all their people.</source>
        <translation type="obsolete">Yn canfod y lleoedd poblog lle na all pobl gerdded i sawl math o ased, o allbwn "Sgôr mynediad aml-ased" (mannau cychwyn sgoredig, neu'r arwyneb mynediad), ac yn eu toddi'n ardaloedd diffeithwch di-dor.

Mae lle mewn diffeithwch pan fydd o leiaf y nifer a roddir o fathau ar goll iddo a bod o leiaf y nifer a roddir o bobl yn byw yno. Nid yw mannau cychwyn heb eu cyrraedd (oddi ar y rhwydwaith) byth mewn diffeithwch. Mae man cychwyn pwynt yn cynrychioli cell sgwâr sydd â'i chanol arno; defnyddir mannau cychwyn polygon fel y maent.

Mae pob ardal diffeithwch yn cael ei harwynebedd, ei phoblogaeth (cyfanswm y lleoedd sydd ynddi), y mathau sydd ar goll (y rhai sydd ar goll amlaf yn gyntaf), y sgôr gymedrig (wedi'i phwysoli yn ôl poblogaeth pan roddir maes poblogaeth) a rhif trefn: 1 yw'r ardal diffeithwch â'r nifer fwyaf o bobl (y fwyaf o ran arwynebedd heb faes poblogaeth); pan fo'n gyfartal, yr arwynebedd mwyaf sy'n dod gyntaf.

Gyda masg preswyl, caiff yr ardaloedd diffeithwch eu tocio iddo, a dim ond lleoedd y mae eu pwynt yn y masg sy'n cyfrif, gyda'u holl bobl.</translation>
    </message>
    <message>
        <source>{count} deserts of {units} places missing at least {min_missing} of {kinds} kinds.</source>
        <translation type="obsolete">{count} o ardaloedd diffeithwch o {units} o leoedd lle mae o leiaf {min_missing} o'r {kinds} math ar goll.</translation>
    </message>
    <message>
        <source>{count} components; the largest holds {share:.0f}% of the network's length.</source>
        <translation type="obsolete">{count} o gydrannau; mae'r fwyaf yn dal {share:.0f}% o hyd y rhwydwaith.</translation>
    </message>
    <message>
        <source>Compares access before and after a change: assets that close (REMOVE, an expression evaluated on every asset layer) and new sites that open (ADD_SITES, of the kind ADD_KIND).

The summary table has one row per kind: the people within reach of that kind before and after and the change (negative is a loss), and, the same on every row, the people living in deserts (places missing at least MIN_MISSING kinds) and the people-weighted mean score before and after.

The origins output gives, per kind, K_ok_before and K_ok_after (1/0) and 'change': 'lost' when the origin loses reach of any kind, 'gained' when it gains reach of a kind and loses none, 'same' otherwise. Origins off the network (status 'unreached') have NULL results and are left out of every total.

A layer on which REMOVE cannot be evaluated (it lacks a field the expression names) keeps all its assets, and the log says so. With ZONES, the optional zones output gives the same figures per zone.

Only the kinds that change are searched again; new sites alone are one search of their own, combined with the existing assets.</source>
        <translation type="obsolete">Yn cymharu mynediad cyn ac ar ôl newid: asedau sy'n cau (REMOVE, mynegiad a werthusir ar bob haen asedau) a safleoedd newydd sy'n agor (ADD_SITES, o'r math ADD_KIND).

Mae gan y tabl crynodeb un rhes ar gyfer pob math: y bobl o fewn cyrraedd i'r math hwnnw cyn ac ar ôl, a'r newid (colled yw gwerth negatif), ac, yr un fath ar bob rhes, y bobl sy'n byw mewn ardaloedd diffeithwch (lleoedd lle mae o leiaf MIN_MISSING math ar goll) a'r sgôr gymedrig wedi'i phwysoli yn ôl pobl, cyn ac ar ôl.

Mae allbwn y mannau cychwyn yn rhoi K_ok_before a K_ok_after (1/0) ar gyfer pob math, a 'change': 'lost' pan fydd y man cychwyn yn colli cyrraedd i unrhyw fath, 'gained' pan fydd yn ennill cyrraedd i fath heb golli'r un, 'same' fel arall. Mae gan fannau cychwyn oddi ar y rhwydwaith (statws 'unreached') ganlyniadau NULL, ac fe'u gadewir allan o bob cyfanswm.

Mae haen lle nad oes modd gwerthuso REMOVE (nid oes ganddi faes a enwir gan y mynegiad) yn cadw ei holl asedau, ac mae'r log yn dweud hynny. Gyda ZONES, mae allbwn dewisol y parthau'n rhoi'r un ffigurau ar gyfer pob parth.

Dim ond y mathau sy'n newid a chwilir eto; mae safleoedd newydd ar eu pen eu hunain yn un chwiliad ar wahân, wedi'i gyfuno â'r asedau presennol.</translation>
    </message>
    <message>
        <source>REMOVE closes {closed} of {total} assets of "{name}".</source>
        <translation type="obsolete">Mae REMOVE yn cau {closed} o'r {total} ased yn "{name}".</translation>
    </message>
    <message>
        <source>Uses the network, asset layers and where people live chosen in the Community Asset Gaps dialog.</source>
        <translation type="obsolete">Yn defnyddio'r rhwydwaith, yr haenau asedau a lle mae pobl yn byw a ddewiswyd yn neialog Bylchau Asedau Cymunedol.</translation>
    </message>
    <message>
        <source>Open the Community Asset Gaps dialog…</source>
        <translation type="obsolete">Agor deialog Bylchau Asedau Cymunedol…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="obsolete">Cau</translation>
    </message>
    <message>
        <source>The asset layer whose selected features close.</source>
        <translation type="obsolete">Yr haen asedau y mae ei nodweddion a ddewiswyd yn cau.</translation>
    </message>
    <message>
        <source>Asset layer</source>
        <translation type="obsolete">Haen asedau</translation>
    </message>
    <message>
        <source>Build</source>
        <translation type="obsolete">Adeiladu</translation>
    </message>
    <message>
        <source>A point layer of the new sites.</source>
        <translation type="obsolete">Haen o bwyntiau'r safleoedd newydd.</translation>
    </message>
    <message>
        <source>The kind of asset the new sites are.</source>
        <translation type="obsolete">Math o ased y safleoedd newydd.</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="obsolete">Math</translation>
    </message>
    <message>
        <source>Where should the next one go?</source>
        <translation type="obsolete">Ble dylai'r un nesaf fynd?</translation>
    </message>
    <message>
        <source>The kind of asset to place: its layer holds the existing sites, its minutes say what is within reach.</source>
        <translation type="obsolete">Y math o ased i'w leoli: mae ei haen yn dal y safleoedd presennol, ac mae ei funudau'n dweud beth sydd o fewn cyrraedd.</translation>
    </message>
    <message>
        <source>A point layer of the places where a new site could go.</source>
        <translation type="obsolete">Haen o bwyntiau'r mannau lle gallai safle newydd fynd.</translation>
    </message>
    <message>
        <source>How many sites to choose, one after the other.</source>
        <translation type="obsolete">Faint o safleoedd i'w dewis, y naill ar ôl y llall.</translation>
    </message>
    <message>
        <source>Number of sites</source>
        <translation type="obsolete">Nifer y safleoedd</translation>
    </message>
    <message>
        <source>Find the best sites</source>
        <translation type="obsolete">Canfod y safleoedd gorau</translation>
    </message>
    <message>
        <source>Rank the candidate sites in the background by the people each brings newly within reach.</source>
        <translation type="obsolete">Trefnu'r safleoedd posibl yn y cefndir yn ôl y bobl newydd y mae pob un yn eu dwyn o fewn cyrraedd.</translation>
    </message>
    <message>
        <source>Kind names (comma-separated, optional)</source>
        <translation type="obsolete">Enwau'r mathau (wedi'u gwahanu gan goma, dewisol)</translation>
    </message>
    <message>
        <source>Weights (comma-separated, optional)</source>
        <translation type="obsolete">Pwysiadau (wedi'u gwahanu gan goma, dewisol)</translation>
    </message>
    <message>
        <source>Origins: {count} have no geometry (status 'unreached').</source>
        <translation type="obsolete">Mannau cychwyn: nid oes geometreg gan {count} (statws 'unreached').</translation>
    </message>
    <message>
        <source>Origins: {count} join the network only on a small disconnected part (less than {share:.0f}% of its length), so they reach little: check the network with 'Check the network', or raise CONNECT_TOLERANCE.</source>
        <translation type="obsolete">Mannau cychwyn: mae {count} yn ymuno â'r rhwydwaith ar ddarn bach ar wahân yn unig (llai na {share:.0f}% o'i hyd), felly ychydig y maent yn ei gyrraedd: gwiriwch y rhwydwaith gyda 'Gwirio'r rhwydwaith', neu codwch CONNECT_TOLERANCE.</translation>
    </message>
    <message>
        <source>  {rank}. candidate {fid}: +{gain:,.0f} {what} (total +{cum:,.0f})</source>
        <translation type="obsolete">  {rank}. safle posibl {fid}: +{gain:,.0f} ({what}), cyfanswm +{cum:,.0f}</translation>
    </message>
    <message>
        <source>{name}: {count} features have no geometry and were skipped.</source>
        <translation type="obsolete">{name}: nid oes geometreg gan {count} o nodweddion, ac fe'u hepgorwyd.</translation>
    </message>
    <message>
        <source>{name}: {count} features are farther than {snap:g} m from the network and were skipped (for example {examples}).</source>
        <translation type="obsolete">{name}: mae {count} o nodweddion yn bellach na {snap:g} m o'r rhwydwaith, ac fe'u hepgorwyd (er enghraifft {examples}).</translation>
    </message>
    <message>
        <source>{name}: {count} features join the network only on a small disconnected part (less than {share:.0f}% of its length), so their catchments stay small: for example {examples}. Check the network with 'Check the network', or raise CONNECT_TOLERANCE.</source>
        <translation type="obsolete">{name}: mae {count} o nodweddion yn ymuno â'r rhwydwaith ar ddarn bach ar wahân yn unig (llai na {share:.0f}% o'i hyd), felly mae eu dalgylchoedd yn aros yn fach: er enghraifft {examples}. Gwiriwch y rhwydwaith gyda 'Gwirio'r rhwydwaith', neu codwch CONNECT_TOLERANCE.</translation>
    </message>
    <message>
        <source>The deserts were found from the scored origins with the same rule (a point origin stands for a square of {size:g} m).</source>
        <translation type="obsolete">Canfuwyd yr ardaloedd diffeithwch o'r mannau cychwyn sgoredig gyda'r un rheol (mae man cychwyn pwynt yn cynrychioli sgwâr {size:g} m).</translation>
    </message>
    <message>
        <source>who cannot walk to at least {n} of the {kinds} kinds of asset</source>
        <translation type="obsolete">na allant gerdded i o leiaf {n} o'r {kinds} math o ased</translation>
    </message>
    <message>
        <source>People within reach</source>
        <translation type="obsolete">Pobl o fewn cyrraedd</translation>
    </message>
    <message>
        <source>A desert is a contiguous area of people {rule}. {count} deserts in all; the largest by population first. {note}</source>
        <translation type="obsolete">Diffeithwch yw ardal ddi-dor o bobl {rule}. {count} o ardaloedd diffeithwch i gyd; y mwyaf o ran poblogaeth yn gyntaf. {note}</translation>
    </message>
    <message>
        <source>{count} homes, grid cells or areas of the scored layer lie outside every zone and are left out.</source>
        <translation type="obsolete">Mae {count} o gartrefi, celloedd grid neu ardaloedd yn yr haen sgoredig y tu allan i bob parth, ac fe'u gadawyd allan.</translation>
    </message>
</context>
<context>
    <name>AssetGapsDialog</name>
    <message>
        <location filename="../ui/main_dialog.ui" line="14"/>
        <source>Community Asset Gaps</source>
        <translation>Bylchau Asedau Cymunedol</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="20"/>
        <source>Find the places where people cannot walk to the assets a community needs. Fill in the steps from top to bottom, then press Run.</source>
        <translation>Canfod y mannau lle na all pobl gerdded i'r asedau sydd eu hangen ar gymuned. Llenwch y camau o'r brig i'r gwaelod, yna pwyswch Rhedeg.</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="55"/>
        <source>1. Streets and paths</source>
        <translation>1. Strydoedd a llwybrau</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="61"/>
        <source>Network layer</source>
        <translation>Haen y rhwydwaith</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="71"/>
        <source>Lines people walk along: streets, footpaths, paths. OpenStreetMap and OS Open Roads layers are recognised from their fields.</source>
        <translation>Llinellau y mae pobl yn cerdded ar eu hyd: strydoedd, llwybrau troed, llwybrau. Caiff haenau OpenStreetMap ac OS Open Roads eu hadnabod o'u meysydd.</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="78"/>
        <source>Only use features where</source>
        <translation>Defnyddio nodweddion yn unig lle</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="88"/>
        <source>Optional: an expression that is true for the features people may walk along. Leave empty to use every walkable feature.</source>
        <translation>Dewisol: mynegiad sy'n wir ar gyfer y nodweddion y caiff pobl gerdded ar eu hyd. Gadewch yn wag i ddefnyddio pob nodwedd gerdded.</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="95"/>
        <source>Walking speed</source>
        <translation>Cyflymder cerdded</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="105"/>
        <source>4.8 km/h is an average adult; 3.2 km/h suits older people, young children and anyone who walks more slowly.</source>
        <translation>4.8 km/awr yw cyflymder oedolyn cyffredin; mae 3.2 km/awr yn addas i bobl hŷn, plant ifanc ac unrhyw un sy'n cerdded yn arafach.</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="112"/>
        <source>For wheelchair and pushchair users: leave out steps and lifts (OpenStreetMap highway=steps and highway=elevator).</source>
        <translation>Ar gyfer defnyddwyr cadeiriau olwyn a phramiau: gadael allan grisiau a lifftiau (highway=steps a highway=elevator yn OpenStreetMap).</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="115"/>
        <source>Step-free routes only (no steps or lifts)</source>
        <translation>Llwybrau heb risiau yn unig (dim grisiau na lifftiau)</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="122"/>
        <source>Ground heights</source>
        <translation>Uchder y tir</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="132"/>
        <source>Optional: a terrain model (DEM) with heights in metres, such as OS Terrain 50 or Environment Agency LIDAR. With it, walking time depends on the slope: climbs take longer, so a catchment reaches farther up a hill from an asset (people walk down to it) than down it.</source>
        <translation>Dewisol: model tir (DEM) ag uchderau mewn metrau, fel OS Terrain 50 neu LIDAR Asiantaeth yr Amgylchedd. Gydag ef, mae amser cerdded yn dibynnu ar y llethr: mae dringo'n cymryd mwy o amser, felly mae dalgylch yn cyrraedd ymhellach i fyny bryn o ased (mae pobl yn cerdded i lawr ato) nag i lawr.</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="142"/>
        <source>2. Community assets (one layer per kind)</source>
        <translation>2. Asedau cymunedol (un haen ar gyfer pob math)</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="148"/>
        <source>Walking minutes: how far people should have to walk to each kind. Kinds recognised by their layer's name get the St Helens study's values: 10 minutes for play areas, parks and shops, 20 for sports and leisure, community centres, GP surgeries, libraries, food banks, pharmacies, dentists and schools.</source>
        <translation>Munudau cerdded: pa mor bell y dylai pobl orfod cerdded i bob math. Mae mathau a adnabyddir wrth enw eu haen yn cael gwerthoedd astudiaeth St Helens: 10 munud ar gyfer mannau chwarae, parciau a siopau, 20 ar gyfer chwaraeon a hamdden, canolfannau cymunedol, meddygfeydd, llyfrgelloedd, banciau bwyd, fferyllfeydd, deintyddion ac ysgolion.</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="177"/>
        <source>Layer (kind of asset)</source>
        <translation>Haen (math o ased)</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="182"/>
        <source>Walking minutes</source>
        <translation>Munudau cerdded</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="187"/>
        <source>Weight</source>
        <translation>Pwysiad</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="197"/>
        <source>Add a row for another asset layer.</source>
        <translation>Ychwanegu rhes ar gyfer haen asedau arall.</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="200"/>
        <source>Add layer</source>
        <translation>Ychwanegu haen</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="207"/>
        <source>Add every layer of the project whose name is a kind the St Helens study used (libraries, GP surgeries, play areas...).</source>
        <translation>Ychwanegu pob haen yn y prosiect y mae ei henw'n fath a ddefnyddiwyd gan astudiaeth St Helens (llyfrgelloedd, meddygfeydd, ardaloedd chwarae...).</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="210"/>
        <source>Add recognised layers</source>
        <translation>Ychwanegu haenau cyfarwydd</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="217"/>
        <source>Remove selected</source>
        <translation>Tynnu'r rhes a ddewiswyd</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="236"/>
        <source>3. Where people live</source>
        <translation>3. Lle mae pobl yn byw</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="242"/>
        <source>Homes, grid cells or areas</source>
        <translation>Cartrefi, celloedd grid neu ardaloedd</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="252"/>
        <source>Address points, population grid cells or LSOAs. Polygons are judged by the share of their area within reach, or at a point inside them (see below).</source>
        <translation>Pwyntiau cyfeiriad, celloedd grid poblogaeth neu LSOAs. Caiff polygonau eu barnu yn ôl cyfran eu harwynebedd o fewn cyrraedd, neu mewn pwynt y tu mewn iddynt (gweler isod).</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="259"/>
        <source>Population field</source>
        <translation>Maes poblogaeth</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="269"/>
        <source>People per feature. Leave empty to count every feature as one.</source>
        <translation>Nifer y bobl ym mhob nodwedd. Gadewch yn wag i gyfrif pob nodwedd fel un.</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="276"/>
        <source>Judge areas</source>
        <translation>Barnu ardaloedd</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="286"/>
        <source>How grid cells, output areas and LSOAs are judged: by the share of their area within reach (an area half inside a catchment has half its people within reach), or at one point inside them. Points are always judged where they are.</source>
        <translation>Sut y caiff celloedd grid, ardaloedd allbwn ac LSOAs eu barnu: yn ôl cyfran eu harwynebedd o fewn cyrraedd (mae gan ardal sydd hanner y tu mewn i ddalgylch hanner ei phobl o fewn cyrraedd), neu mewn un pwynt y tu mewn iddynt. Caiff pwyntiau eu barnu lle maent bob amser.</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="293"/>
        <source>Homes within the areas (optional)</source>
        <translation>Cartrefi o fewn yr ardaloedd (dewisol)</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="303"/>
        <source>Buildings or residential land use: only the part of an area inside these polygons carries its people, so a park or a rail yard carries nobody.</source>
        <translation>Adeiladau neu ddefnydd tir preswyl: dim ond y rhan o ardal y tu mewn i'r polygonau hyn sy'n cario ei phobl, felly nid yw parc nac iard reilffordd yn cario neb.</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="313"/>
        <source>4. Zones for an area profile (optional)</source>
        <translation>4. Parthau ar gyfer proffil ardal (dewisol)</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="319"/>
        <source>Zones (wards, LSOAs)</source>
        <translation>Parthau (wardiau, LSOAs)</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="329"/>
        <source>Leave empty to skip the area profile.</source>
        <translation>Gadewch yn wag i hepgor y proffil ardal.</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="336"/>
        <source>Zone name field</source>
        <translation>Maes enw'r parth</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="349"/>
        <source>Deprivation field</source>
        <translation>Maes amddifadedd</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="359"/>
        <source>A number per zone where low means deprived, such as the IMD decile (1 to 3 count as most deprived).</source>
        <translation>Rhif ar gyfer pob parth lle mae gwerth isel yn golygu difreintiedig, fel y degradd IMD (mae 1 i 3 yn cyfrif fel y mwyaf difreintiedig).</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="369"/>
        <source>5. Deserts</source>
        <translation>5. Ardaloedd diffeithwch</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="375"/>
        <source>Kinds missing to be a desert</source>
        <translation>Nifer y mathau ar goll i fod yn ddiffeithwch</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="385"/>
        <source>A place is in a social infrastructure desert when people there cannot walk to at least this many kinds of asset.</source>
        <translation>Mae lle mewn diffeithwch seilwaith cymdeithasol pan na all pobl yno gerdded i o leiaf y nifer hwn o fathau o ased.</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="401"/>
        <source>Overlays every kind's walking catchment, so the map shows which kinds can be reached everywhere, not only where people live.</source>
        <translation>Yn troshaenu dalgylch cerdded pob math, fel bod y map yn dangos pa fathau y gellir eu cyrraedd ym mhobman, nid dim ond lle mae pobl yn byw.</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="404"/>
        <source>Also map the access surface</source>
        <translation>Mapio'r arwyneb mynediad hefyd</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="417"/>
        <source>6. Results</source>
        <translation>6. Canlyniadau</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="423"/>
        <source>Temporary layers (lost when QGIS closes)</source>
        <translation>Haenau dros dro (yn cael eu colli pan fydd QGIS yn cau)</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="433"/>
        <source>Save GeoPackages and a report in a new folder in:</source>
        <translation>Cadw GeoPackages ac adroddiad mewn ffolder newydd yn:</translation>
    </message>
    <message>
        <location filename="../ui/main_dialog.ui" line="477"/>
        <source>What the run does appears here.</source>
        <translation>Mae'r hyn y mae'r rhediad yn ei wneud yn ymddangos yma.</translation>
    </message>
    <message>
        <source>Walking minutes: how far people should have to walk to each kind. Known kinds get the St Helens study's values: 10 minutes for play areas and shops, 20 for sports and leisure, community centres, GP surgeries, libraries and food banks.</source>
        <translation type="obsolete">Munudau cerdded: pa mor bell y dylai pobl orfod cerdded i bob math. Mae mathau cyfarwydd yn cael gwerthoedd astudiaeth St Helens: 10 munud ar gyfer ardaloedd chwarae a siopau, 20 ar gyfer chwaraeon a hamdden, canolfannau cymunedol, meddygfeydd, llyfrgelloedd a banciau bwyd.</translation>
    </message>
    <message>
        <source>Address points, population grid cells or LSOAs. Polygons are judged at a point inside them.</source>
        <translation type="obsolete">Pwyntiau cyfeiriad, celloedd grid poblogaeth neu LSOAs. Caiff polygonau eu barnu mewn pwynt y tu mewn iddynt.</translation>
    </message>
</context>
<context>
    <name>ScenarioDialog</name>
    <message>
        <location filename="../ui/scenario_dialog.ui" line="20"/>
        <source>Community Asset Gaps: what if…</source>
        <translation>Bylchau Asedau Cymunedol: beth os…</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.ui" line="26"/>
        <source>Uses the network, asset layers and where people live chosen in the Community Asset Gaps dialog.</source>
        <translation>Yn defnyddio'r rhwydwaith, yr haenau asedau a lle mae pobl yn byw a ddewiswyd yn neialog Bylchau Asedau Cymunedol.</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.ui" line="36"/>
        <source>Open the Community Asset Gaps dialog…</source>
        <translation>Agor deialog Bylchau Asedau Cymunedol…</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.ui" line="43"/>
        <source>Close</source>
        <translation>Cau</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.ui" line="49"/>
        <source>Asset layer</source>
        <translation>Haen asedau</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.ui" line="56"/>
        <source>The asset layer whose selected features close.</source>
        <translation>Yr haen asedau y mae ei nodweddion a ddewiswyd yn cau.</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.ui" line="73"/>
        <source>Build</source>
        <translation>Adeiladu</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.ui" line="79"/>
        <source>New sites</source>
        <translation>Safleoedd newydd</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.ui" line="86"/>
        <source>A point layer of the new sites.</source>
        <translation>Haen o bwyntiau'r safleoedd newydd.</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.ui" line="126"/>
        <source>Kind</source>
        <translation>Math</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.ui" line="100"/>
        <source>The kind of asset the new sites are.</source>
        <translation>Math o ased y safleoedd newydd.</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.ui" line="110"/>
        <source>Show who gains and who loses</source>
        <translation>Dangos pwy sy'n ennill a phwy sy'n colli</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.ui" line="113"/>
        <source>Run the closures and new sites above in the background and say, per kind, how many people gain or lose walking access.</source>
        <translation>Rhedeg y cau a'r safleoedd newydd uchod yn y cefndir a dweud, fesul math, faint o bobl sy'n ennill neu'n colli mynediad cerdded.</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.ui" line="120"/>
        <source>Where should the next one go?</source>
        <translation>Ble dylai'r un nesaf fynd?</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.ui" line="133"/>
        <source>The kind of asset to place: its layer holds the existing sites, its minutes say what is within reach.</source>
        <translation>Y math o ased i'w leoli: mae ei haen yn dal y safleoedd presennol, ac mae ei funudau'n dweud beth sydd o fewn cyrraedd.</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.ui" line="140"/>
        <source>Candidate sites</source>
        <translation>Safleoedd posibl</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.ui" line="147"/>
        <source>A point layer of the places where a new site could go.</source>
        <translation>Haen o bwyntiau'r mannau lle gallai safle newydd fynd.</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.ui" line="154"/>
        <source>Within reach (minutes' walk)</source>
        <translation>O fewn cyrraedd (munudau o gerdded)</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.ui" line="161"/>
        <source>People within this many minutes' walk of a site can reach it. Set from the kind's minutes in the Community Asset Gaps dialog; change it here for this search only.</source>
        <translation>Gall pobl o fewn y nifer hwn o funudau o gerdded i safle ei gyrraedd. Wedi'i osod o funudau'r math yn neialog Community Asset Gaps; newidiwch ef yma ar gyfer y chwiliad hwn yn unig.</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.ui" line="168"/>
        <source>Number of sites</source>
        <translation>Nifer y safleoedd</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.ui" line="175"/>
        <source>How many sites to choose, one after the other.</source>
        <translation>Faint o safleoedd i'w dewis, y naill ar ôl y llall.</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.ui" line="182"/>
        <source>Find the best sites</source>
        <translation>Canfod y safleoedd gorau</translation>
    </message>
    <message>
        <location filename="../ui/scenario_dialog.ui" line="185"/>
        <source>Rank the candidate sites in the background by the people each brings newly within reach.</source>
        <translation>Trefnu'r safleoedd posibl yn y cefndir yn ôl y bobl newydd y mae pob un yn eu dwyn o fewn cyrraedd.</translation>
    </message>
</context>
</TS>
