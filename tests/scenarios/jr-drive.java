// jr-drive.java - fill an XForm with JavaRosa (the engine of ODK Collect)
// and print its submission XML, as javarosa-compare.sh runs it:
//
//   java -cp CLASSES JrDrive FORM.xml ANSWERS.txt REPEATS
//
// ANSWERS holds name=value lines with kesu's keys (name, rep[2]/name);
// the form is walked from the start as Collect's form entry does, a
// repeat instance is added when a key names it, and each question whose
// key is given is answered.  Lines after one reading "#again" are answered
// on a second walk from the start, as an interviewer going back.
// REPEATS lists the form's repeat names, comma-separated.  $JRUSER is the
// username the form's metadata reads.  A developer tool, never run by
// make check.
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.javarosa.core.model.FormDef;
import org.javarosa.core.model.FormIndex;
import org.javarosa.core.model.data.IAnswerData;
import org.javarosa.core.model.instance.InstanceInitializationFactory;
import org.javarosa.core.model.instance.TreeReference;
import org.javarosa.core.services.IPropertyManager;
import org.javarosa.core.services.PropertyManager;
import org.javarosa.core.services.properties.IPropertyRules;
import org.javarosa.form.api.FormEntryController;
import org.javarosa.form.api.FormEntryModel;
import org.javarosa.form.api.FormEntryPrompt;
import org.javarosa.model.xform.XFormSerializingVisitor;
import org.javarosa.xform.util.XFormAnswerDataParser;
import org.javarosa.xform.util.XFormUtils;

class JrDrive {
    public static void main(String[] args) throws Exception {
        final Map<String, String> props = new HashMap<>();
        if (System.getenv("JRUSER") != null)
            props.put("username", System.getenv("JRUSER"));
        PropertyManager.setPropertyManager(new IPropertyManager() {
            public List<String> getProperty(String n) {
                return props.containsKey(n) ? Collections.singletonList(props.get(n)) : null;
            }
            public void setProperty(String n, String v) { props.put(n, v); }
            public void setProperty(String n, List<String> v) { }
            public String getSingularProperty(String n) { return props.get(n); }
            public void addRules(IPropertyRules r) { }
            public List<IPropertyRules> getRules() { return new ArrayList<>(); }
        });
        FormDef fd = XFormUtils.getFormFromInputStream(new FileInputStream(args[0]));
        List<Map<String, String>> walks = new ArrayList<>();
        walks.add(new LinkedHashMap<>());
        for (String l : Files.readAllLines(Paths.get(args[1]))) {
            if (l.equals("#again")) {
                walks.add(new LinkedHashMap<>());
                continue;
            }
            if (l.trim().isEmpty() || l.startsWith("#"))
                continue;
            int eq = l.indexOf('=');
            walks.get(walks.size() - 1).put(l.substring(0, eq).trim(), l.substring(eq + 1));
        }
        Set<String> repeats = new HashSet<>(Arrays.asList(args[2].split(",")));
        FormEntryModel model = new FormEntryModel(fd);
        FormEntryController fec = new FormEntryController(model);
        fd.initialize(true, new InstanceInitializationFactory());
        for (int w = 0; w < walks.size(); w++) {
            Map<String, String> ans = walks.get(w);
            if (w > 0)
                fec.jumpToIndex(FormIndex.createBeginningOfFormIndex());
            int ev;
            while ((ev = fec.stepToNextEvent()) != FormEntryController.EVENT_END_OF_FORM) {
                FormIndex idx = model.getFormIndex();
                TreeReference ref = idx.getReference();
                boolean prompt = ev == FormEntryController.EVENT_PROMPT_NEW_REPEAT;
                // kesu's key: repeats with their instance number, then the field
                StringBuilder key = new StringBuilder();
                for (int i = 1; i < ref.size(); i++) {
                    boolean last = i == ref.size() - 1;
                    if (repeats.contains(ref.getName(i)) && !(last && prompt))
                        key.append(ref.getName(i)).append('[').append(ref.getMultiplicity(i) + 1).append("]/");
                    else if (last && !prompt)
                        key.append(ref.getName(i));
                }
                if (prompt) {
                    String next = key + ref.getNameLast() + "[" + (ref.getMultiplicity(ref.size() - 1) + 1) + "]/";
                    boolean wanted = false;
                    for (String k : ans.keySet())
                        wanted |= k.startsWith(next);
                    if (wanted && w == 0)
                        fec.newRepeat();
                    continue;
                }
                if (ev != FormEntryController.EVENT_QUESTION || !ans.containsKey(key.toString()))
                    continue;
                FormEntryPrompt p = model.getQuestionPrompt();
                IAnswerData d = XFormAnswerDataParser.getAnswerData(ans.get(key.toString()),
                    p.getDataType(), p.getQuestion());
                int st = fec.answerQuestion(idx, d, true);
                if (st != FormEntryController.ANSWER_OK)
                    System.err.println(key + ": answer refused (" + st + ")");
            }
        }
        fd.postProcessInstance();
        System.out.println(new String(new XFormSerializingVisitor().serializeInstance(fd.getInstance()), "UTF-8"));
    }
}
